/* gen_log.c: conduit.log (the server's output during the Newman run) and
 * setup.log (the dependency install), written to match what the attempt's
 * server did: one access line per request that got a response, a traceback
 * or stack trace for every 500, and the startup error when it never came up.
 */
#include "config.h"

#include "gen.h"

#include <string.h>

static const char *
py_frames(const struct gen_task *t)
{
	if (strcmp(t->framework, "flask") == 0)
		return "Traceback (most recent call last):\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/flask/app.py\", line 1473, in wsgi_app\n"
		       "    response = self.full_dispatch_request()\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/flask/app.py\", line 882, in full_dispatch_request\n"
		       "    rv = self.handle_user_exception(e)\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/flask/app.py\", line 880, in full_dispatch_request\n"
		       "    rv = self.dispatch_request()\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/flask/app.py\", line 865, in dispatch_request\n"
		       "    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]\n";
	if (strcmp(t->framework, "fastapi") == 0)
		return "Traceback (most recent call last):\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/uvicorn/protocols/http/httptools_impl.py\", line 411, in run_asgi\n"
		       "    result = await app(  # type: ignore[func-returns-value]\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/starlette/routing.py\", line 74, in app\n"
		       "    response = await f(request)\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/fastapi/routing.py\", line 278, in app\n"
		       "    raw_response = await run_endpoint_function(\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/starlette/concurrency.py\", line 42, in run_in_threadpool\n"
		       "    return await anyio.to_thread.run_sync(func, *args)\n";
	if (strcmp(t->framework, "aiohttp") == 0)
		return "Traceback (most recent call last):\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/aiohttp/web_protocol.py\", line 452, in _handle_request\n"
		       "    resp = await request_handler(request)\n"
		       "  File \"/usr/local/lib/python3.12/site-packages/aiohttp/web_app.py\", line 543, in _handle\n"
		       "    resp = await handler(request)\n";
	return "Traceback (most recent call last):\n"
	       "  File \"/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py\", line 55, in inner\n"
	       "    response = get_response(request)\n"
	       "  File \"/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py\", line 197, in _get_response\n"
	       "    response = wrapped_callback(request, *callback_args, **callback_kwargs)\n";
}

/* The exception text of the defect behind a 500 on request i. */
static const char *
error_text(const struct gen_attempt *a, int i, bool python)
{
	bool orm = a->use_orm, pg = a->use_postgres;
	switch (i) {
	case 0: case 27:
		if (python)
			return pg ? (orm ? "sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation \"users\" does not exist" :
				     "psycopg2.errors.UndefinedTable: relation \"users\" does not exist") :
			       orm ? "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: users" :
				     "sqlite3.OperationalError: no such table: users";
		return pg ? "SequelizeDatabaseError: relation \"users\" does not exist" :
			    "SqliteError: no such table: users";
	case 4:
		return python ? "AttributeError: 'NoneType' object has no attribute 'encode'" :
				"Error: Illegal arguments: undefined, string";
	case 9:
		if (python)
			return pg ? "sqlalchemy.exc.IntegrityError: (psycopg2.errors.NotNullViolation) null value in column \"tag_id\" of relation \"article_tags\" violates not-null constraint" :
				    "sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) NOT NULL constraint failed: article_tags.tag_id";
		return "SequelizeValidationError: notNull Violation: Article.authorId cannot be null";
	case 15:
		return python ? "sqlalchemy.orm.exc.DetachedInstanceError: Parent instance <Article at 0x7f3a2c1b5d90> is not bound to a Session; lazy load operation of attribute 'author' cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)" :
				"TypeError: Cannot read properties of null (reading 'username')";
	case 22: case 23: case 24:
		if (python)
			return pg ? "sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation \"comments\" does not exist" :
				    "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: comments";
		return pg ? "SequelizeDatabaseError: relation \"Comments\" does not exist" :
			    "SequelizeDatabaseError: SQLITE_ERROR: no such table: Comments";
	case 31:
		return python ? "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: tags" :
				"SequelizeDatabaseError: relation \"Tags\" does not exist";
	default:
		return python ? "sqlalchemy.exc.InvalidRequestError: Can't determine which FROM clause to join from, there are multiple FROMS which can join to this entity. Please use the .select_from() method to establish an explicit left side, as well as providing an explicit ON clause if not present already to help resolve the ambiguity." :
				"SequelizeEagerLoadingError: User is associated to Article using an alias. You've included an alias (favoritedBy), but it does not match the alias(es) defined in your association (FavoritedBy).";
	}
}

/* The application's own frames, outermost first: handler, service, data access. */
static void
app_frames(const struct gen_attempt *a, struct buf *b, int i)
{
	static const char *const layers[3][3] = {
		{"routes/", "api.", "views."}, {"services/", "services.", "logic."}, {"repositories/", "crud.", "store."},
	};
	static const char *const py_lines[3] = {"result = service.handle(request)", "return self.repository.save(entity)",
						 "session.commit()"};
	static const char *const py_funcs[3] = {"handler", "create", "add"};
	static const char *const js_funcs[3] = {"async wrap", "Object.create", "Object.save"};
	const char *names[48];
	size_t n = gen_patch_files(a, names, GEN_NELEM(names));
	const char *topic = i >= 22 && i <= 25 ? "comment" : i == 0 || i == 4 || i == 27 ? "user" : "article";

	for (int l = 0; l < 3; l++) {
		const char *hit = NULL;
		for (size_t k = 0; k < n && !hit; k++)
			for (int m = 0; m < 3 && !hit; m++)
				if (strstr(names[k], layers[l][m]) && (l == 0 || strstr(names[k], topic) || m > 0 ||
								    !strchr(names[k] + strlen(layers[l][m]), '/')))
					hit = names[k];
		if (!hit)
			continue;
		if (a->task->python)
			buf_printf(b, "  File \"/app/%s\", line %d, in %s\n    %s\n", hit,
				   20 + (int)((a->key >> (8 * l)) % 140), py_funcs[l], py_lines[l]);
		else
			buf_printf(b, "    at %s (/app/%s:%d:%d)\n", js_funcs[l], hit,
				   20 + (int)((a->key >> (8 * l)) % 120), 5 + l * 12);
	}
}

static void
py_access(const struct gen_attempt *a, struct buf *b, const struct gen_tm *tm, const char *method,
	  const char *path, int code, int size, int port)
{
	const char *fw = a->task->framework;
	if (strcmp(fw, "fastapi") == 0) {
		buf_printf(b, "INFO:     172.18.0.4:%d - \"%s %s HTTP/1.1\" %d %s\n", port, method, path, code,
			   gen_http_reason(a, code));
	} else if (strcmp(fw, "aiohttp") == 0) {
		buf_printf(b, "INFO:aiohttp.access:172.18.0.4 [%02d/%s/%04d:%02d:%02d:%02d +0000] \"%s %s HTTP/1.1\" %d %d \"-\" \"PostmanRuntime/7.39.1\"\n",
			   tm->day, gen_month_abbr[tm->mon - 1], tm->year, tm->hour, tm->min, tm->sec, method,
			   path, code, size);
	} else if (strcmp(fw, "django") == 0) {
		buf_printf(b, "[%02d/%s/%04d %02d:%02d:%02d] \"%s %s HTTP/1.1\" %d %d\n", tm->day,
			   gen_month_abbr[tm->mon - 1], tm->year, tm->hour, tm->min, tm->sec, method, path, code, size);
	} else {
		buf_printf(b, "172.18.0.4 - - [%02d/%s/%04d %02d:%02d:%02d] \"%s %s HTTP/1.1\" %d -\n", tm->day,
			   gen_month_abbr[tm->mon - 1], tm->year, tm->hour, tm->min, tm->sec, method, path, code);
	}
}

static void
node_access(const struct gen_attempt *a, struct buf *b, int64_t ms, const char *method, const char *path,
	    int code, int size, int took, int reqno)
{
	const char *fw = a->task->framework;
	if (strcmp(fw, "express") == 0)
		buf_printf(b, "%s %s %d %d.%03d ms - %d\n", method, path, code, took, (int)(a->key >> 20) % 1000, size);
	else if (strcmp(fw, "fastify") == 0)
		buf_printf(b, "{\"level\":30,\"time\":%lld,\"pid\":7,\"hostname\":\"conduit\",\"reqId\":\"req-%d\",\"req\":{\"method\":\"%s\",\"url\":\"%s\",\"hostname\":\"conduit:3000\",\"remoteAddress\":\"172.18.0.4\",\"remotePort\":%d},\"msg\":\"incoming request\"}\n"
			      "{\"level\":30,\"time\":%lld,\"pid\":7,\"hostname\":\"conduit\",\"reqId\":\"req-%d\",\"res\":{\"statusCode\":%d},\"responseTime\":%d.%d,\"msg\":\"request completed\"}\n",
			   (long long)ms, reqno, method, path, 40000 + reqno, (long long)ms + took, reqno, code, took, reqno % 10);
	else if (strcmp(fw, "koa") == 0)
		buf_printf(b, "  <-- %s %s\n  --> %s %s %d %dms %db\n", method, path, method, path, code, took, size);
	else
		buf_printf(b, "<-- %s %s\n--> %s %s %d %dms\n", method, path, method, path, code, took);
}

static void
py_startup(const struct gen_attempt *a, struct buf *b, int port, const struct gen_tm *tm)
{
	const char *fw = a->task->framework;
	if (strcmp(fw, "fastapi") == 0)
		buf_printf(b, "INFO:     Started server process [7]\nINFO:     Waiting for application startup.\n"
			      "INFO:     Application startup complete.\n"
			      "INFO:     Uvicorn running on http://0.0.0.0:%d (Press CTRL+C to quit)\n", port);
	else if (strcmp(fw, "aiohttp") == 0)
		buf_printf(b, "======== Running on http://0.0.0.0:%d ========\n(Press CTRL+C to quit)\n", port);
	else if (strcmp(fw, "django") == 0)
		buf_printf(b, "Performing system checks...\n\nSystem check identified no issues (0 silenced).\n"
			      "%s %02d, %04d - %02d:%02d:%02d\nDjango version 5.0.4, using settings 'conduit.settings'\n"
			      "Starting development server at http://0.0.0.0:%d/\nQuit the server with CONTROL-C.\n\n",
			   (const char *[]){"January", "February", "March", "April", "May", "June", "July", "August",
					    "September", "October", "November", "December"}[tm->mon - 1],
			   tm->day, tm->year, tm->hour, tm->min, tm->sec, port);
	else
		buf_printf(b, " * Serving Flask app 'main'\n * Debug mode: off\n"
			      "WARNING: This is a development server. Do not use it in a production deployment. "
			      "Use a production WSGI server instead.\n * Running on all addresses (0.0.0.0)\n"
			      " * Running on http://127.0.0.1:%d\n * Running on http://172.18.0.3:%d\nPress CTRL+C to quit\n",
			   port, port);
}

static void
crash_log(const struct gen_attempt *a, struct buf *b)
{
	bool py = a->task->python;
	const char *names[48];
	size_t n = gen_patch_files(a, names, GEN_NELEM(names));
	const char *entry = n ? names[n - 1] : "app/main.py";

	for (size_t k = 0; k < n; k++)
		if (strstr(names[k], py ? "main.py" : "index.js") || strstr(names[k], "wsgi.py"))
			entry = names[k];
	switch (a->crash) {
	case GC_NO_RUNSH:
		buf_puts(b, "/bin/sh: 1: ./run.sh: not found\n");
		return;
	case GC_PORT:
		if (py) {
			struct gen_tm tm;
			gen_time_split(a->eval_ms, &tm);
			py_startup(a, b, strcmp(a->task->framework, "fastapi") == 0 ||
				   strcmp(a->task->framework, "django") == 0 ? 8000 : 5000, &tm);
		} else {
			buf_puts(b, "Conduit API listening on port 3001\n");
		}
		return;
	default:
		break;
	}
	if (py) {
		const char *last;
		buf_printf(b, "Traceback (most recent call last):\n"
			      "  File \"<frozen runpy>\", line 198, in _run_module_as_main\n"
			      "  File \"<frozen runpy>\", line 88, in _run_code\n"
			      "  File \"/app/%s\", line %d, in <module>\n", entry, 3 + (int)(a->key % 9));
		switch (a->crash) {
		case GC_INSTALL:
			last = strcmp(a->task->framework, "django") == 0 ? "ModuleNotFoundError: No module named 'django'" :
			       strcmp(a->task->framework, "fastapi") == 0 ? "ModuleNotFoundError: No module named 'fastapi'" :
			       strcmp(a->task->framework, "aiohttp") == 0 ? "ModuleNotFoundError: No module named 'aiohttp'" :
			       "ModuleNotFoundError: No module named 'flask'";
			break;
		case GC_MISSING_DEP:
			last = "ModuleNotFoundError: No module named 'jwt'";
			break;
		case GC_DB_CONNECT:
			last = a->use_postgres ?
				(a->use_orm ? "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"localhost\" (127.0.0.1), port 5432 failed: Connection refused\n"
					      "\tIs the server running on that host and accepting TCP/IP connections?\n\n"
					      "(Background on this error at: https://sqlalche.me/e/20/e3q8)" :
					      "psycopg2.OperationalError: connection to server at \"localhost\" (127.0.0.1), port 5432 failed: Connection refused\n"
					      "\tIs the server running on that host and accepting TCP/IP connections?") :
				(a->use_orm ? "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) unable to open database file\n"
					      "(Background on this error at: https://sqlalche.me/e/20/e3q8)" :
					      "sqlite3.OperationalError: unable to open database file");
			buf_puts(b, "    init_db()\n");
			break;
		case GC_SYNTAX:
			buf_printf(b, "  File \"/app/%s\", line 61\n    def article_summary(article)\n"
				      "                                ^\n", n > 2 ? names[2] : entry);
			last = "SyntaxError: expected ':'";
			break;
		default:
			last = "ImportError: cannot import name 'create_app' from partially initialized module 'app.main' (most likely due to a circular import) (/app/app/main.py)";
			break;
		}
		buf_printf(b, "%s\n", last);
		return;
	}
	switch (a->crash) {
	case GC_INSTALL:
	case GC_MISSING_DEP: {
		const char *mod = a->crash == GC_INSTALL ? (strcmp(a->task->framework, "hono") == 0 ? "hono" :
							  strcmp(a->task->framework, "koa") == 0 ? "koa" :
							  a->task->framework) : "jsonwebtoken";
		buf_printf(b, "node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\n"
			      "Error: Cannot find module '%s'\nRequire stack:\n- /app/%s\n"
			      "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n"
			      "    at Module._load (node:internal/modules/cjs/loader:1051:27)\n"
			      "    at Module.require (node:internal/modules/cjs/loader:1311:19)\n"
			      "    at require (node:internal/modules/helpers:179:18)\n"
			      "    at Object.<anonymous> (/app/%s:1:%d)\n"
			      "    at Module._compile (node:internal/modules/cjs/loader:1469:14) {\n"
			      "  code: 'MODULE_NOT_FOUND',\n  requireStack: [ '/app/%s' ]\n}\n\nNode.js v20.12.2\n",
			   mod, entry, entry, 13 + (int)strlen(mod), entry);
		return;
	}
	case GC_DB_CONNECT:
		if (a->use_postgres)
			buf_printf(b, "%s\n    at Client._connectionCallback (/app/node_modules/%s)\n"
				      "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1605:16) {\n"
				      "  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 5432\n}\n",
				   a->use_orm ? "ConnectionRefusedError [SequelizeConnectionRefusedError]: connect ECONNREFUSED 127.0.0.1:5432" :
						"Error: connect ECONNREFUSED 127.0.0.1:5432",
				   a->use_orm ? "sequelize/lib/dialects/postgres/connection-manager.js:133:24" :
						"pg/lib/client.js:132:18");
		else
			buf_puts(b, a->use_orm ? "ConnectionError [SequelizeConnectionError]: SQLITE_CANTOPEN: unable to open database file\n"
						 "    at Database.<anonymous> (/app/node_modules/sequelize/lib/dialects/sqlite/connection-manager.js:58:25) {\n"
						 "  parent: [Error: SQLITE_CANTOPEN: unable to open database file] { errno: 14, code: 'SQLITE_CANTOPEN' }\n}\n" :
						 "TypeError: Cannot open database because the directory does not exist\n"
						 "    at new Database (/app/node_modules/better-sqlite3/lib/database.js:65:9)\n"
						 "    at Object.<anonymous> (/app/src/db.js:4:12)\n");
		return;
	case GC_SYNTAX:
		buf_printf(b, "/app/%s:%d\n}}\n ^\n\nSyntaxError: Unexpected token '}'\n"
			      "    at wrapSafe (node:internal/modules/cjs/loader:1378:20)\n"
			      "    at Module._compile (node:internal/modules/cjs/loader:1428:41)\n\nNode.js v20.12.2\n",
			   n > 2 ? names[n / 2] : entry, 120 + (int)(a->key % 60));
		return;
	default:
		buf_printf(b, "(node:7) Warning: Accessing non-existent property 'define' of module exports inside circular dependency\n"
			      "(Use `node --trace-warnings ...` to show where the warning was created)\n"
			      "/app/src/models/user.js:4\nconst User = sequelize.define('User', {\n                       ^\n\n"
			      "TypeError: sequelize.define is not a function\n    at Object.<anonymous> (/app/src/models/user.js:4:24)\n\nNode.js v20.12.2\n");
		return;
	}
}

void
gen_log_conduit(const struct gen_attempt *a, struct buf *b)
{
	const struct gen_task *t = a->task;
	bool py = t->python;
	int64_t ms = a->eval_ms + 1500;
	struct gen_tm tm;
	int port = t->port;
	size_t start = b->len;

	if (a->crash != GC_NONE) {
		crash_log(a, b);
		return;
	}
	gen_time_split(ms, &tm);
	if (py)
		py_startup(a, b, port, &tm);
	else if (strcmp(t->framework, "fastify") == 0)
		buf_printf(b, "{\"level\":30,\"time\":%lld,\"pid\":7,\"hostname\":\"conduit\",\"msg\":\"Server listening at http://0.0.0.0:%d\"}\n",
			   (long long)ms, port);
	else
		buf_printf(b, "Conduit API listening on port %d\n", port);
	/* the health check, then every request that got an answer */
	ms += 2000;
	gen_time_split(ms, &tm);
	if (py)
		py_access(a, b, &tm, "GET", t->health, 200, 16, 51200);
	else
		node_access(a, b, ms, "GET", t->health, 200, 16, 2, 1);
	ms += 1800;
	for (int i = 0; i < GEN_N_REQUESTS; i++) {
		const struct gen_req *r = &a->req[i];
		const char *path = strstr(r->url + 7, "/");
		if (r->errored) {
			if ((a->defects >> GD_CRASH_MIDRUN & 1) && i == a->crash_at)
				buf_printf(b, "TypeError: Cannot read properties of undefined (reading 'id')\n"
					      "    at Object.add (/app/src/%s:41:64)\n"
					      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n\n"
					      "Node.js v20.12.2\n", t->constraints & TC_ARCH ? "services/commentService.js" : "logic.js");
			continue;
		}
		ms += r->ms;
		gen_time_split(ms, &tm);
		if (r->code == 500) {
			if (py) {
				if (strcmp(t->framework, "flask") == 0)
					buf_printf(b, "[%04d-%02d-%02d %02d:%02d:%02d,%03d] ERROR in app: Exception on %s [%s]\n",
						   tm.year, tm.mon, tm.day, tm.hour, tm.min, tm.sec, tm.ms, path,
						   gen_requests[i].method);
				else if (strcmp(t->framework, "django") == 0)
					buf_printf(b, "Internal Server Error: %s\n", path);
				else if (strcmp(t->framework, "fastapi") == 0)
					buf_puts(b, "ERROR:    Exception in ASGI application\n");
				else
					buf_puts(b, "Error handling request\n");
				buf_puts(b, py_frames(t));
				app_frames(a, b, i);
				buf_printf(b, "%s\n", error_text(a, i, true));
			} else {
				buf_printf(b, "%s\n", error_text(a, i, false));
				app_frames(a, b, i);
				buf_puts(b, "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n");
			}
		}
		if (py)
			py_access(a, b, &tm, gen_requests[i].method, path, r->code, r->size, 51200 + i);
		else
			node_access(a, b, ms, gen_requests[i].method, path, r->code, r->size, r->ms, i + 2);
	}
	/* --log-kb: the server stays up, answering health probes */
	for (int i = 0; b->len - start < a->log_target; i++) {
		ms += 5000;
		gen_time_split(ms, &tm);
		if (py)
			py_access(a, b, &tm, "GET", t->health, 200, 16, 52000 + i % 10000);
		else
			node_access(a, b, ms, "GET", t->health, 200, 16, 1 + i % 7, GEN_N_REQUESTS + 2 + i);
	}
}

/* ------------------------------------------------------------ setup.log */

static const char *const py_pkgs[] = {
	"anyio==4.3.0", "bcrypt==4.1.3", "blinker==1.8.2", "click==8.1.7", "idna==3.7",
	"itsdangerous==2.2.0", "jinja2==3.1.4", "markupsafe==2.1.5", "pyjwt==2.8.0",
	"python-dotenv==1.0.1", "sniffio==1.3.1", "typing-extensions==4.11.0",
};

void
gen_log_setup(const struct gen_attempt *a, struct buf *b)
{
	const struct gen_task *t = a->task;
	struct gen_rng r;
	char when[40];

	gen_attempt_rng(a, "setup", &r);
	if (t->kind == TASK_FEATURE) {
		if (strcmp(t->folder, "aiohttp") == 0 || strcmp(t->folder, "fastapi") == 0)
			buf_puts(b, "INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.\n"
				    "INFO  [alembic.runtime.migration] Will assume transactional DDL.\n"
				    "INFO  [alembic.runtime.migration] Running upgrade  -> 3b1c5a2e9f10, initial schema\n");
		else if (strcmp(t->folder, "flask") == 0)
			buf_puts(b, "INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.\n"
				    "INFO  [alembic.runtime.migration] Will assume transactional DDL.\n"
				    "INFO  [alembic.runtime.migration] Running upgrade  -> aaddef142d08, Initial realworld schema and tables.\n");
		else
			buf_puts(b, "\n> conduit@1.0.0 migrate:develop\n> prisma migrate deploy\n\n"
				    "Prisma schema loaded from prisma/schema.prisma\nDatasource \"db\": PostgreSQL database \"conduit\"\n\n"
				    "1 migration found in prisma/migrations\n\nAll migrations have been successfully applied.\n");
		return;
	}
	if (t->python) {
		int n = 14 + (int)gen_rng_below(&r, 14);
		if (a->patch != GP_NORMAL) {
			buf_puts(b, "error: File not found: `requirements.txt`\n");
			return;
		}
		buf_puts(b, "Using Python 3.12.3 environment at: /usr/local\n");
		if (a->crash == GC_INSTALL) {
			buf_puts(b, "  \xc3\x97 No solution found when resolving dependencies:\n"
				    "  \xe2\x95\xb0\xe2\x94\x80\xe2\x96\xb6 Because there is no version of pyjwt==3.9.1 and you require pyjwt==3.9.1, we can conclude that your requirements are unsatisfiable.\n");
			return;
		}
		/* one draw a statement: the order of a call's arguments is the
		 * compiler's (this is the one gcc took, which the goldens show) */
		int installed_ms = 20 + (int)gen_rng_below(&r, 60);
		int prepared_cs = (int)gen_rng_below(&r, 100);
		int prepared_s = 2 + (int)gen_rng_below(&r, 5);
		int resolved_cs = (int)gen_rng_below(&r, 100);
		int resolved_s = 1 + (int)gen_rng_below(&r, 3);
		buf_printf(b, "Resolved %d packages in %d.%02ds\nPrepared %d packages in %d.%02ds\nInstalled %d packages in %dms\n",
			   n, resolved_s, resolved_cs, n, prepared_s, prepared_cs, n, installed_ms);
		for (size_t i = 0; i < GEN_NELEM(py_pkgs); i++)
			buf_printf(b, " + %s\n", py_pkgs[i]);
		buf_printf(b, " + %s\n", strcmp(t->framework, "flask") == 0 ? "flask==3.0.3" :
			   strcmp(t->framework, "fastapi") == 0 ? "fastapi==0.111.0" :
			   strcmp(t->framework, "django") == 0 ? "django==5.0.6" : "aiohttp==3.9.5");
		if (a->use_orm)
			buf_puts(b, " + sqlalchemy==2.0.30\n");
		if (a->use_postgres || a->db_bad == GV_DB_PSYCOPG)
			buf_puts(b, " + psycopg2-binary==2.9.9\n");
		return;
	}
	gen_time_iso(a->eval_ms - 60000, when);
	for (char *p = when; *p; p++)
		if (*p == ':' || *p == '.')
			*p = '_';
	if (a->patch != GP_NORMAL) {
		buf_printf(b, "npm error code ENOENT\nnpm error syscall open\nnpm error path /app/package.json\n"
			      "npm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/app/package.json'\n"
			      "npm error enoent This is related to npm not being able to find a file.\nnpm error enoent\n"
			      "npm error A complete log of this run can be found in: /root/.npm/_logs/%s-debug-0.log\n", when);
		return;
	}
	if (a->crash == GC_INSTALL) {
		buf_printf(b, "npm error code ETARGET\nnpm error notarget No matching version found for jsonwebtoken@^10.4.0.\n"
			      "npm error notarget In most cases you or one of your dependencies are requesting\n"
			      "npm error notarget a package version that doesn't exist.\n"
			      "npm error A complete log of this run can be found in: /root/.npm/_logs/%s-debug-0.log\n", when);
		return;
	}
	/* one draw a statement, in the order gcc took (see above) */
	int funding = 10 + (int)gen_rng_below(&r, 30);
	int seconds = 3 + (int)gen_rng_below(&r, 20);
	int audited = 121 + (int)gen_rng_below(&r, 200);
	int added = 120 + (int)gen_rng_below(&r, 200);
	buf_printf(b, "\nadded %d packages, and audited %d packages in %ds\n\n%d packages are looking for funding\n"
		      "  run `npm fund` for details\n\nfound 0 vulnerabilities\n",
		   added, audited, seconds, funding);
	if (a->use_orm && !a->use_postgres)
		buf_puts(b, "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory. Do not use it.\n"
			    "npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported\n");
}
