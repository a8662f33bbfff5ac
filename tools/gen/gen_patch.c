/* gen_patch.c: the agent's patch as `git diff` text.
 *
 * A plausible Conduit server for the task's framework, laid out in
 * routes/services/repositories/models when the task asks for a clean
 * architecture, talking to the database the task names through its ORM
 * when asked.  The code follows the attempt's decisions: endpoint groups
 * the agent never finished have no files, a planted verifier violation is
 * really in the text (a psycopg2 dependency in a SQLite task, a repository
 * importing a service, ...), and a startup crash has its cause in the code.
 * Everything else satisfies the verifiers of spec section 5.
 */
#include "config.h"

#include "gen.h"

#include <stdlib.h>
#include <string.h>

enum fkind {
	F_REQS, F_PKG, F_RUNSH, F_EMPTY, F_MAIN, F_CONFIG, F_DB, F_MODEL, F_REPO, F_SERVICE,
	F_ROUTES, F_AUTH, F_ERRORS, F_TESTS, F_README, F_GITIGNORE, F_SETTINGS, F_URLS, F_MANAGE,
};

enum { E_USER, E_ARTICLE, E_COMMENT, E_ALL = -1 };
enum { S_USER, S_PROFILE, S_ARTICLE, S_COMMENT };
enum { R_USERS, R_PROFILES, R_ARTICLES, R_COMMENTS, R_TAGS };

struct pfile {
	char path[112];
	enum fkind kind;
	int which;   /* entity / service / resource, E_ALL for a flat file */
	int part;    /* test file number */
};

struct pctx {
	const struct gen_attempt *a;
	const struct gen_task *t;
	const char *fw;
	bool node, arch, flat_arch, orm, pg, memory;
	unsigned groups;     /* implemented GG_* */
	const char *pkg;     /* python package / node source dir */
	struct pfile files[64];
	size_t n;
	size_t filler;       /* bytes of tests wanted */
};

static const char *const ent_name[3] = {"user", "article", "comment"};
static const char *const ent_class[3] = {"User", "Article", "Comment"};
static const char *const ent_table[3] = {"users", "articles", "comments"};
static const char *const svc_name[4] = {"user", "profile", "article", "comment"};
static const char *const svc_class[4] = {"UserService", "ProfileService", "ArticleService", "CommentService"};
static const char *const res_name[5] = {"users", "profiles", "articles", "comments", "tags"};

static bool
fw_is(const struct pctx *c, const char *fw)
{
	return strcmp(c->fw, fw) == 0;
}

static bool
has_group(const struct pctx *c, unsigned g)
{
	return (c->groups & g) != 0;
}

/* ------------------------------------------------------------ planning */

static void
add(struct pctx *c, enum fkind k, int which, const char *fmt, const char *a1, const char *a2)
{
	struct pfile *f;
	if (c->n >= GEN_NELEM(c->files))
		return;
	f = &c->files[c->n++];
	f->kind = k;
	f->which = which;
	f->part = 0;
	snprintf(f->path, sizeof(f->path), fmt, a1 ? a1 : "", a2 ? a2 : "");
}

static int
cmp_pfile(const void *x, const void *y)
{
	return strcmp(((const struct pfile *)x)->path, ((const struct pfile *)y)->path);
}

static bool
resource_present(const struct pctx *c, int r)
{
	switch (r) {
	case R_PROFILES: return has_group(c, GG_PROFILES);
	case R_COMMENTS: return has_group(c, GG_COMMENTS);
	case R_TAGS: return has_group(c, GG_TAGS);
	default: return true;
	}
}

static void
plan(struct pctx *c)
{
	const struct gen_attempt *a = c->a;
	const char *p = c->pkg;

	c->n = 0;
	if (!c->node) {
		add(c, F_REQS, 0, "requirements.txt", NULL, NULL);
		add(c, F_RUNSH, 0, "run.sh", NULL, NULL);
		if (fw_is(c, "django")) {
			add(c, F_MANAGE, 0, "manage.py", NULL, NULL);
			add(c, F_EMPTY, 0, "conduit/__init__.py", NULL, NULL);
			add(c, F_SETTINGS, 0, "conduit/settings.py", NULL, NULL);
			add(c, F_URLS, 0, "conduit/urls.py", NULL, NULL);
			add(c, F_MAIN, 0, "conduit/wsgi.py", NULL, NULL);
		} else {
			add(c, F_MAIN, 0, "%s/main.py", p, NULL);
		}
		add(c, F_EMPTY, 0, "%s/__init__.py", p, NULL);
		add(c, F_CONFIG, 0, "%s/config.py", p, NULL);
		add(c, F_ERRORS, 0, "%s/errors.py", p, NULL);
		add(c, F_DB, 0, "%s/db.py", p, NULL);
	} else {
		add(c, F_PKG, 0, "package.json", NULL, NULL);
		add(c, F_RUNSH, 0, "run.sh", NULL, NULL);
		add(c, F_GITIGNORE, 0, ".gitignore", NULL, NULL);
		add(c, F_MAIN, 0, "%s/index.js", p, NULL);
		add(c, F_CONFIG, 0, "%s/config.js", p, NULL);
		add(c, F_ERRORS, 0, "%s/errors.js", p, NULL);
		add(c, F_DB, 0, "%s/db.js", p, NULL);
	}
	if (c->arch) {
		const char *ext = c->node ? "js" : "py";
		char path[96];
		if (!c->node) {
			add(c, F_EMPTY, 0, "%s/models/__init__.py", p, NULL);
			add(c, F_EMPTY, 0, "%s/routes/__init__.py", p, NULL);
		}
		for (int e = 0; e < 3; e++) {
			if (e == E_COMMENT && !has_group(c, GG_COMMENTS))
				continue;
			snprintf(path, sizeof(path), "%s/models/%%s.%s", p, ext);
			add(c, F_MODEL, e, path, ent_name[e], NULL);
			if (c->flat_arch)
				continue;
			snprintf(path, sizeof(path), c->node ? "%s/repositories/%%sRepository.%s" :
				 "%s/repositories/%%s_repository.%s", p, ext);
			add(c, F_REPO, e, path, ent_name[e], NULL);
		}
		for (int s = 0; s < 4 && !c->flat_arch; s++) {
			if ((s == S_PROFILE && !has_group(c, GG_PROFILES)) ||
			    (s == S_COMMENT && !has_group(c, GG_COMMENTS)))
				continue;
			snprintf(path, sizeof(path), c->node ? "%s/services/%%sService.%s" :
				 "%s/services/%%s_service.%s", p, ext);
			add(c, F_SERVICE, s, path, svc_name[s], NULL);
		}
		if (!c->node && !c->flat_arch) {
			add(c, F_EMPTY, 0, "%s/repositories/__init__.py", p, NULL);
			add(c, F_EMPTY, 0, "%s/services/__init__.py", p, NULL);
		}
		for (int r = 0; r < 5; r++) {
			if (!resource_present(c, r))
				continue;
			snprintf(path, sizeof(path), "%s/routes/%%s.%s", p, ext);
			add(c, F_ROUTES, r, path, res_name[r], NULL);
		}
		snprintf(path, sizeof(path), c->node ? "%s/middleware/auth.%s" : "%s/security.%s", p, ext);
		add(c, F_AUTH, 0, path, NULL, NULL);
	} else if (!c->node) {
		add(c, F_MODEL, E_ALL, "%s/models.py", p, NULL);
		add(c, F_REPO, E_ALL, "%s/crud.py", p, NULL);
		add(c, F_SERVICE, E_ALL, "%s/services.py", p, NULL);
		add(c, F_ROUTES, E_ALL, fw_is(c, "django") ? "%s/views.py" : "%s/api.py", p, NULL);
		add(c, F_AUTH, 0, "%s/security.py", p, NULL);
	} else {
		if (!c->memory)
			add(c, F_MODEL, E_ALL, "%s/schema.js", p, NULL);
		add(c, F_REPO, E_ALL, "%s/store.js", p, NULL);
		add(c, F_SERVICE, E_ALL, "%s/logic.js", p, NULL);
		add(c, F_ROUTES, E_ALL, "%s/api.js", p, NULL);
		add(c, F_AUTH, 0, "%s/auth.js", p, NULL);
	}
	if (a->patch_target > 0 || c->filler > 0)
		add(c, F_README, 0, "README.md", NULL, NULL);
	qsort(c->files, c->n, sizeof(c->files[0]), cmp_pfile);
}

static void
ctx_init(struct pctx *c, const struct gen_attempt *a)
{
	const struct gen_task *t = a->task;

	memset(c, 0, sizeof(*c));
	c->a = a;
	c->t = t;
	c->fw = t->framework;
	c->node = !t->python;
	c->arch = (t->constraints & TC_ARCH) != 0;
	c->flat_arch = a->arch_bad == GV_ARCH_FLAT;
	c->orm = a->use_orm;
	c->pg = a->use_postgres;
	/* an unconstrained Node app often keeps everything in memory */
	c->memory = c->node && !c->orm && !(t->constraints & (TC_POSTGRES | TC_SQLITE)) &&
		    (a->key & 1);
	c->groups = (GG_AUTH | GG_ARTICLES | GG_FAVORITES | GG_COMMENTS | GG_PROFILES | GG_TAGS |
		     GG_FEED) & ~a->missing;
	c->pkg = c->node ? "src" : fw_is(c, "django") ? "api" : "app";
}

/* ------------------------------------------------------------ shared text */

static const char *
py_db_url(const struct pctx *c)
{
	bool bad_host = c->a->crash == GC_DB_CONNECT;
	if (c->pg && c->orm)
		return bad_host ? "postgresql+psycopg2://conduit:conduit@localhost:5432/conduit" :
				  "postgresql+psycopg2://conduit:conduit@postgres:5432/conduit";
	if (c->pg)
		return bad_host ? "postgresql://conduit:conduit@localhost:5432/conduit" :
				  "postgresql://conduit:conduit@postgres:5432/conduit";
	if (c->orm)
		return bad_host ? "sqlite:////var/lib/conduit/conduit.db" : "sqlite:///./conduit.db";
	return bad_host ? "/var/lib/conduit/conduit.db" : "conduit.db";
}

static int
app_port(const struct pctx *c)
{
	if (c->a->crash == GC_PORT)
		return c->node ? 3001 : fw_is(c, "fastapi") || fw_is(c, "django") ? 8000 : 5000;
	return c->t->port;
}

/* Module paths of the layers, for import lines. */
static void
py_mod(const struct pctx *c, struct buf *b, const char *layer, int which)
{
	if (!c->arch) {
		static const struct {
			const char *layer, *flat;
		} m[] = {{"models", "models"}, {"repositories", "crud"}, {"services", "services"}};
		for (size_t i = 0; i < GEN_NELEM(m); i++)
			if (strcmp(m[i].layer, layer) == 0)
				buf_printf(b, "%s.%s", c->pkg, m[i].flat);
		return;
	}
	if (strcmp(layer, "models") == 0)
		buf_printf(b, "%s.models.%s", c->pkg, ent_name[which]);
	else if (strcmp(layer, "repositories") == 0)
		buf_printf(b, "%s.repositories.%s_repository", c->pkg, ent_name[which]);
	else
		buf_printf(b, "%s.services.%s_service", c->pkg, svc_name[which]);
}

/* ------------------------------------------------------------ Python */

static void
py_requirements(const struct pctx *c, struct buf *b)
{
	const struct gen_attempt *a = c->a;
	if (fw_is(c, "flask"))
		buf_puts(b, "flask>=3.0.0\n");
	else if (fw_is(c, "fastapi"))
		buf_puts(b, "fastapi>=0.110.0\nuvicorn[standard]>=0.29.0\npydantic>=2.6.0\n");
	else if (fw_is(c, "aiohttp"))
		buf_puts(b, "aiohttp>=3.9.3\n");
	else
		buf_puts(b, "Django>=5.0.3\n");
	if (a->crash == GC_INSTALL)
		buf_puts(b, "PyJWT==3.9.1\n"); /* a version that does not exist */
	else if (a->crash != GC_MISSING_DEP)
		buf_puts(b, "PyJWT>=2.8.0\n");
	buf_puts(b, "bcrypt>=4.1.2\n");
	if (c->orm)
		buf_puts(b, "SQLAlchemy>=2.0.29\n");
	if (c->pg || a->db_bad == GV_DB_PSYCOPG)
		buf_puts(b, "psycopg2-binary>=2.9.9\n");
	buf_puts(b, "python-dotenv>=1.0.1\n");
}

static void
runsh(const struct pctx *c, struct buf *b)
{
	buf_puts(b, "#!/bin/bash\nset -e\ncd \"$(dirname \"$0\")\"\nexport PYTHONUNBUFFERED=1\n");
	if (c->node)
		buf_puts(b, "exec node src/index.js\n");
	else if (fw_is(c, "fastapi"))
		buf_printf(b, "exec uvicorn app.main:app --host 0.0.0.0 --port %d\n", app_port(c));
	else if (fw_is(c, "django"))
		buf_printf(b, "python manage.py migrate --noinput >/dev/null 2>&1 || true\n"
			      "exec python manage.py runserver 0.0.0.0:%d --noreload\n", app_port(c));
	else
		buf_printf(b, "exec python -m %s.main\n", c->pkg);
}

static void
py_config(const struct pctx *c, struct buf *b, struct gen_rng *r)
{
	char secret[17];
	gen_rng_hex(r, secret, 16);
	buf_printf(b, "import os\n\nSECRET_KEY = os.environ.get(\"SECRET_KEY\", \"conduit-%s\")\n"
		      "JWT_ALGORITHM = \"HS256\"\nJWT_EXPIRES_DAYS = 30\n"
		      "PORT = int(os.environ.get(\"PORT\", \"%d\"))\n",
		   secret, app_port(c));
	if (c->orm || c->pg)
		buf_printf(b, "DATABASE_URL = os.environ.get(\"DATABASE_URL\", \"%s\")\n", py_db_url(c));
	else
		buf_printf(b, "DATABASE_PATH = os.environ.get(\"DATABASE_PATH\", \"%s\")\n", py_db_url(c));
	if (c->a->db_bad == GV_DB_FALLBACK)
		buf_puts(b, "\n# Local runs without Postgres fall back to a file database.\n"
			    "if os.environ.get(\"CONDUIT_LOCAL\"):\n"
			    "    DATABASE_URL = \"sqlite:///./conduit-local.db\"\n");
	if (c->a->db_bad == GV_DB_PSYCOPG)
		buf_puts(b, "\n# psycopg2 is listed for the production deployment (Postgres).\n");
	buf_puts(b, "\nDEFAULT_LIMIT = 20\nMAX_LIMIT = 100\n");
}

static const char PY_SCHEMA_SQLITE[] =
	"SCHEMA = \"\"\"\n"
	"CREATE TABLE IF NOT EXISTS users (\n"
	"    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"    email TEXT UNIQUE NOT NULL,\n"
	"    username TEXT UNIQUE NOT NULL,\n"
	"    password_hash TEXT NOT NULL,\n"
	"    bio TEXT,\n"
	"    image TEXT\n"
	");\n"
	"CREATE TABLE IF NOT EXISTS follows (\n"
	"    follower_id INTEGER NOT NULL REFERENCES users(id),\n"
	"    followed_id INTEGER NOT NULL REFERENCES users(id),\n"
	"    PRIMARY KEY (follower_id, followed_id)\n"
	");\n"
	"CREATE TABLE IF NOT EXISTS articles (\n"
	"    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"    slug TEXT UNIQUE NOT NULL,\n"
	"    title TEXT NOT NULL,\n"
	"    description TEXT NOT NULL,\n"
	"    body TEXT NOT NULL,\n"
	"    author_id INTEGER NOT NULL REFERENCES users(id),\n"
	"    created_at TEXT NOT NULL,\n"
	"    updated_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE IF NOT EXISTS article_tags (\n"
	"    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"    tag TEXT NOT NULL,\n"
	"    PRIMARY KEY (article_id, tag)\n"
	");\n"
	"CREATE TABLE IF NOT EXISTS favorites (\n"
	"    user_id INTEGER NOT NULL REFERENCES users(id),\n"
	"    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"    PRIMARY KEY (user_id, article_id)\n"
	");\n"
	"CREATE TABLE IF NOT EXISTS comments (\n"
	"    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"    body TEXT NOT NULL,\n"
	"    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"    author_id INTEGER NOT NULL REFERENCES users(id),\n"
	"    created_at TEXT NOT NULL,\n"
	"    updated_at TEXT NOT NULL\n"
	");\n"
	"\"\"\"\n";

static void
py_db(const struct pctx *c, struct buf *b)
{
	if (c->orm) {
		buf_printf(b,
			"from sqlalchemy import create_engine\n"
			"from sqlalchemy.orm import DeclarativeBase, sessionmaker\n\n"
			"from %s.config import DATABASE_URL\n\n"
			"engine = create_engine(\n"
			"    DATABASE_URL,\n"
			"    pool_pre_ping=True,\n"
			"%s"
			")\n"
			"SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)\n\n\n"
			"class Base(DeclarativeBase):\n"
			"    pass\n\n\n"
			"def init_db():\n"
			"    # importing the models registers their tables on Base.metadata\n"
			"    import %s.models  # noqa: F401\n\n"
			"    Base.metadata.create_all(bind=engine)\n",
			c->pkg, c->pg ? "" : "    connect_args={\"check_same_thread\": False},\n", c->pkg);
	} else if (c->pg) {
		buf_printf(b,
			"import psycopg2\n"
			"import psycopg2.extras\n\n"
			"from %s.config import DATABASE_URL\n\n",
			c->pkg);
		/* the SQLite schema with Postgres types */
		struct buf s;
		buf_init(&s);
		buf_puts(&s, PY_SCHEMA_SQLITE);
		for (char *p; (p = strstr(s.data, "INTEGER PRIMARY KEY AUTOINCREMENT"));) {
			static const char rep[] = "SERIAL PRIMARY KEY";
			size_t old = strlen("INTEGER PRIMARY KEY AUTOINCREMENT"), nw = strlen(rep);
			memmove(p + nw, p + old, strlen(p + old) + 1);
			memcpy(p, rep, nw);
			s.len -= old - nw;
		}
		buf_append(b, s.data, s.len);
		buf_free(&s);
		buf_puts(b,
			"\n\ndef get_connection():\n"
			"    conn = psycopg2.connect(DATABASE_URL, cursor_factory=psycopg2.extras.RealDictCursor)\n"
			"    conn.autocommit = True\n"
			"    return conn\n\n\n"
			"def query(sql, params=(), one=False):\n"
			"    with get_connection() as conn, conn.cursor() as cur:\n"
			"        cur.execute(sql, params)\n"
			"        rows = cur.fetchall() if cur.description else []\n"
			"    return (rows[0] if rows else None) if one else rows\n\n\n"
			"def init_db():\n"
			"    with get_connection() as conn, conn.cursor() as cur:\n"
			"        cur.execute(SCHEMA)\n");
	} else {
		buf_printf(b,
			"import sqlite3\n"
			"import threading\n\n"
			"from %s.config import DATABASE_PATH\n\n"
			"_local = threading.local()\n\n",
			c->pkg);
		buf_puts(b, PY_SCHEMA_SQLITE);
		buf_puts(b,
			"\n\ndef get_connection():\n"
			"    conn = getattr(_local, \"conn\", None)\n"
			"    if conn is None:\n"
			"        conn = sqlite3.connect(DATABASE_PATH, check_same_thread=False)\n"
			"        conn.row_factory = sqlite3.Row\n"
			"        conn.execute(\"PRAGMA foreign_keys = ON\")\n"
			"        _local.conn = conn\n"
			"    return conn\n\n\n"
			"def query(sql, params=(), one=False):\n"
			"    cur = get_connection().execute(sql, params)\n"
			"    rows = [dict(r) for r in cur.fetchall()]\n"
			"    get_connection().commit()\n"
			"    return (rows[0] if rows else None) if one else rows\n\n\n"
			"def init_db():\n"
			"    get_connection().executescript(SCHEMA)\n");
	}
	if (c->a->crash == GC_IMPORT_CYCLE)
		buf_printf(b, "\n\nfrom %s.main import create_app  # noqa: E402  (app context for init_db)\n", c->pkg);
}

static const char *const PY_MODEL_ORM[3] = {
	"class User(Base):\n"
	"    __tablename__ = \"users\"\n\n"
	"    id = Column(Integer, primary_key=True)\n"
	"    email = Column(String(255), unique=True, nullable=False, index=True)\n"
	"    username = Column(String(255), unique=True, nullable=False, index=True)\n"
	"    password_hash = Column(String(255), nullable=False)\n"
	"    bio = Column(Text, nullable=True)\n"
	"    image = Column(String(512), nullable=True)\n\n"
	"    following = relationship(\n"
	"        \"User\",\n"
	"        secondary=follows,\n"
	"        primaryjoin=id == follows.c.follower_id,\n"
	"        secondaryjoin=id == follows.c.followed_id,\n"
	"        lazy=\"selectin\",\n"
	"    )\n\n"
	"    def to_profile(self, viewer=None):\n"
	"        return {\n"
	"            \"username\": self.username,\n"
	"            \"bio\": self.bio,\n"
	"            \"image\": self.image,\n"
	"            \"following\": bool(viewer and self in viewer.following),\n"
	"        }\n",
	"class Article(Base):\n"
	"    __tablename__ = \"articles\"\n\n"
	"    id = Column(Integer, primary_key=True)\n"
	"    slug = Column(String(255), unique=True, nullable=False, index=True)\n"
	"    title = Column(String(255), nullable=False)\n"
	"    description = Column(Text, nullable=False, default=\"\")\n"
	"    body = Column(Text, nullable=False)\n"
	"    author_id = Column(Integer, ForeignKey(\"users.id\"), nullable=False)\n"
	"    created_at = Column(DateTime, default=datetime.utcnow, nullable=False)\n"
	"    updated_at = Column(DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)\n\n"
	"    author = relationship(\"User\", lazy=\"joined\")\n"
	"    tags = relationship(\"Tag\", secondary=article_tags, lazy=\"selectin\")\n"
	"    favorited_by = relationship(\"User\", secondary=favorites, lazy=\"selectin\")\n\n\n"
	"class Tag(Base):\n"
	"    __tablename__ = \"tags\"\n\n"
	"    id = Column(Integer, primary_key=True)\n"
	"    name = Column(String(100), unique=True, nullable=False)\n",
	"class Comment(Base):\n"
	"    __tablename__ = \"comments\"\n\n"
	"    id = Column(Integer, primary_key=True)\n"
	"    body = Column(Text, nullable=False)\n"
	"    article_id = Column(Integer, ForeignKey(\"articles.id\", ondelete=\"CASCADE\"))\n"
	"    author_id = Column(Integer, ForeignKey(\"users.id\"), nullable=False)\n"
	"    created_at = Column(DateTime, default=datetime.utcnow, nullable=False)\n"
	"    updated_at = Column(DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)\n\n"
	"    author = relationship(\"User\", lazy=\"joined\")\n",
};

static const char *const PY_MODEL_TABLES[3] = {
	"follows = Table(\n"
	"    \"follows\",\n"
	"    Base.metadata,\n"
	"    Column(\"follower_id\", Integer, ForeignKey(\"users.id\"), primary_key=True),\n"
	"    Column(\"followed_id\", Integer, ForeignKey(\"users.id\"), primary_key=True),\n"
	")\n\n\n",
	"article_tags = Table(\n"
	"    \"article_tags\",\n"
	"    Base.metadata,\n"
	"    Column(\"article_id\", Integer, ForeignKey(\"articles.id\", ondelete=\"CASCADE\"), primary_key=True),\n"
	"    Column(\"tag_id\", Integer, ForeignKey(\"tags.id\"), primary_key=True),\n"
	")\n\n"
	"favorites = Table(\n"
	"    \"favorites\",\n"
	"    Base.metadata,\n"
	"    Column(\"user_id\", Integer, ForeignKey(\"users.id\"), primary_key=True),\n"
	"    Column(\"article_id\", Integer, ForeignKey(\"articles.id\", ondelete=\"CASCADE\"), primary_key=True),\n"
	")\n\n\n",
	"",
};

static const char *const PY_MODEL_DATA[3] = {
	"@dataclass\n"
	"class User:\n"
	"    id: int\n"
	"    email: str\n"
	"    username: str\n"
	"    password_hash: str\n"
	"    bio: Optional[str] = None\n"
	"    image: Optional[str] = None\n\n"
	"    @classmethod\n"
	"    def from_row(cls, row):\n"
	"        return cls(**{k: row[k] for k in cls.__dataclass_fields__ if k in row})\n\n"
	"    def to_profile(self, following=False):\n"
	"        return {\"username\": self.username, \"bio\": self.bio, \"image\": self.image, \"following\": following}\n",
	"@dataclass\n"
	"class Article:\n"
	"    id: int\n"
	"    slug: str\n"
	"    title: str\n"
	"    description: str\n"
	"    body: str\n"
	"    author_id: int\n"
	"    created_at: str\n"
	"    updated_at: str\n"
	"    tag_list: List[str] = field(default_factory=list)\n"
	"    favorites_count: int = 0\n\n"
	"    @classmethod\n"
	"    def from_row(cls, row, tags=(), favorites_count=0):\n"
	"        fields = {k: row[k] for k in cls.__dataclass_fields__ if k in row}\n"
	"        return cls(**fields, tag_list=sorted(tags), favorites_count=favorites_count)\n",
	"@dataclass\n"
	"class Comment:\n"
	"    id: int\n"
	"    body: str\n"
	"    article_id: int\n"
	"    author_id: int\n"
	"    created_at: str\n"
	"    updated_at: str\n\n"
	"    @classmethod\n"
	"    def from_row(cls, row):\n"
	"        return cls(**{k: row[k] for k in cls.__dataclass_fields__ if k in row})\n",
};

static const char *const PY_MODEL_DJANGO[3] = {
	"class User(models.Model):\n"
	"    email = models.EmailField(unique=True)\n"
	"    username = models.CharField(max_length=255, unique=True)\n"
	"    password_hash = models.CharField(max_length=255)\n"
	"    bio = models.TextField(null=True, blank=True)\n"
	"    image = models.URLField(null=True, blank=True)\n"
	"    following = models.ManyToManyField(\"self\", symmetrical=False, related_name=\"followers\")\n\n"
	"    class Meta:\n"
	"        db_table = \"users\"\n",
	"class Tag(models.Model):\n"
	"    name = models.CharField(max_length=100, unique=True)\n\n\n"
	"class Article(models.Model):\n"
	"    slug = models.SlugField(max_length=255, unique=True)\n"
	"    title = models.CharField(max_length=255)\n"
	"    description = models.TextField(blank=True, default=\"\")\n"
	"    body = models.TextField()\n"
	"    author = models.ForeignKey(\"User\", on_delete=models.CASCADE, related_name=\"articles\")\n"
	"    tags = models.ManyToManyField(Tag, related_name=\"articles\")\n"
	"    favorited_by = models.ManyToManyField(\"User\", related_name=\"favorites\")\n"
	"    created_at = models.DateTimeField(auto_now_add=True)\n"
	"    updated_at = models.DateTimeField(auto_now=True)\n\n"
	"    class Meta:\n"
	"        db_table = \"articles\"\n"
	"        ordering = [\"-created_at\"]\n",
	"class Comment(models.Model):\n"
	"    body = models.TextField()\n"
	"    article = models.ForeignKey(\"Article\", on_delete=models.CASCADE, related_name=\"comments\")\n"
	"    author = models.ForeignKey(\"User\", on_delete=models.CASCADE)\n"
	"    created_at = models.DateTimeField(auto_now_add=True)\n"
	"    updated_at = models.DateTimeField(auto_now=True)\n\n"
	"    class Meta:\n"
	"        db_table = \"comments\"\n",
};

static bool
django_orm(const struct pctx *c)
{
	return fw_is(c, "django") && !c->orm;
}

static void
py_models(const struct pctx *c, struct buf *b, int which)
{
	int lo = which == E_ALL ? 0 : which, hi = which == E_ALL ? 2 : which;
	if (!has_group(c, GG_COMMENTS) && hi == 2 && which == E_ALL)
		hi = 1;
	if (django_orm(c)) {
		buf_puts(b, "from django.db import models\n\n\n");
	} else if (c->orm) {
		buf_puts(b, "from datetime import datetime\n\n"
			    "from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text\n"
			    "from sqlalchemy.orm import relationship\n\n");
		buf_printf(b, "from %s.db import Base\n", c->pkg);
		if (which == E_ARTICLE && c->arch)
			buf_printf(b, "from %s.models.user import User  # noqa: F401  (relationship target)\n", c->pkg);
		buf_puts(b, "\n\n");
	} else {
		buf_puts(b, "from dataclasses import dataclass, field\nfrom typing import List, Optional\n\n\n");
	}
	for (int e = lo; e <= hi; e++) {
		if (e > lo)
			buf_puts(b, "\n\n");
		if (django_orm(c))
			buf_puts(b, PY_MODEL_DJANGO[e]);
		else if (c->orm) {
			buf_puts(b, PY_MODEL_TABLES[e]);
			buf_puts(b, PY_MODEL_ORM[e]);
		} else
			buf_puts(b, PY_MODEL_DATA[e]);
	}
	if (c->a->crash == GC_SYNTAX && which == (c->arch ? E_ARTICLE : E_ALL))
		buf_puts(b, "\n\ndef article_summary(article)\n    return {\"slug\": article.slug, \"title\": article.title}\n");
}

/* Repository methods per entity: ORM, raw SQL and Django flavours. */
static const char *const PY_REPO_ORM[3] = {
	"    def get_by_email(self, email):\n"
	"        with SessionLocal() as session:\n"
	"            return session.scalar(select(User).where(User.email == email))\n\n"
	"    def get_by_username(self, username):\n"
	"        with SessionLocal() as session:\n"
	"            return session.scalar(select(User).where(User.username == username))\n\n"
	"    def get(self, user_id):\n"
	"        with SessionLocal() as session:\n"
	"            return session.get(User, user_id)\n\n"
	"    def add(self, **fields):\n"
	"        with SessionLocal() as session:\n"
	"            user = User(**fields)\n"
	"            session.add(user)\n"
	"            session.commit()\n"
	"            session.refresh(user)\n"
	"            return user\n\n"
	"    def update(self, user, **fields):\n"
	"        with SessionLocal() as session:\n"
	"            user = session.merge(user)\n"
	"            for key, value in fields.items():\n"
	"                setattr(user, key, value)\n"
	"            session.commit()\n"
	"            return user\n\n"
	"    def set_following(self, follower, followed, value):\n"
	"        with SessionLocal() as session:\n"
	"            follower = session.merge(follower)\n"
	"            followed = session.merge(followed)\n"
	"            if value and followed not in follower.following:\n"
	"                follower.following.append(followed)\n"
	"            elif not value and followed in follower.following:\n"
	"                follower.following.remove(followed)\n"
	"            session.commit()\n",
	"    def list(self, author=None, tag=None, favorited=None, limit=20, offset=0):\n"
	"        with SessionLocal() as session:\n"
	"            stmt = select(Article).order_by(Article.created_at.desc())\n"
	"            if author:\n"
	"                stmt = stmt.join(Article.author).where(User.username == author)\n"
	"            if tag:\n"
	"                stmt = stmt.join(Article.tags).where(Tag.name == tag)\n"
	"            if favorited:\n"
	"                fan = aliased(User)\n"
	"                stmt = stmt.join(fan, Article.favorited_by).where(fan.username == favorited)\n"
	"            count = session.scalar(select(func.count()).select_from(stmt.subquery()))\n"
	"            rows = session.scalars(stmt.limit(limit).offset(offset)).unique().all()\n"
	"            return rows, count\n\n"
	"    def get_by_slug(self, slug):\n"
	"        with SessionLocal() as session:\n"
	"            return session.scalar(select(Article).where(Article.slug == slug))\n\n"
	"    def add(self, tag_names=(), **fields):\n"
	"        with SessionLocal() as session:\n"
	"            article = Article(**fields)\n"
	"            for name in tag_names:\n"
	"                tag = session.scalar(select(Tag).where(Tag.name == name)) or Tag(name=name)\n"
	"                article.tags.append(tag)\n"
	"            session.add(article)\n"
	"            session.commit()\n"
	"            session.refresh(article)\n"
	"            return article\n\n"
	"    def save(self, article):\n"
	"        with SessionLocal() as session:\n"
	"            article = session.merge(article)\n"
	"            session.commit()\n"
	"            return article\n\n"
	"    def delete(self, article):\n"
	"        with SessionLocal() as session:\n"
	"            session.delete(session.merge(article))\n"
	"            session.commit()\n\n"
	"    def all_tags(self):\n"
	"        with SessionLocal() as session:\n"
	"            return [t.name for t in session.scalars(select(Tag).order_by(Tag.name))]\n",
	"    def for_article(self, article_id):\n"
	"        with SessionLocal() as session:\n"
	"            stmt = select(Comment).where(Comment.article_id == article_id)\n"
	"            return session.scalars(stmt.order_by(Comment.created_at)).all()\n\n"
	"    def add(self, **fields):\n"
	"        with SessionLocal() as session:\n"
	"            comment = Comment(**fields)\n"
	"            session.add(comment)\n"
	"            session.commit()\n"
	"            session.refresh(comment)\n"
	"            return comment\n\n"
	"    def get(self, comment_id):\n"
	"        with SessionLocal() as session:\n"
	"            return session.get(Comment, comment_id)\n\n"
	"    def delete(self, comment):\n"
	"        with SessionLocal() as session:\n"
	"            session.delete(session.merge(comment))\n"
	"            session.commit()\n",
};

static const char *const PY_REPO_SQL[3] = {
	"    def get_by_email(self, email):\n"
	"        row = query(\"SELECT * FROM users WHERE email = $Q\", (email,), one=True)\n"
	"        return User.from_row(row) if row else None\n\n"
	"    def get_by_username(self, username):\n"
	"        row = query(\"SELECT * FROM users WHERE username = $Q\", (username,), one=True)\n"
	"        return User.from_row(row) if row else None\n\n"
	"    def get(self, user_id):\n"
	"        row = query(\"SELECT * FROM users WHERE id = $Q\", (user_id,), one=True)\n"
	"        return User.from_row(row) if row else None\n\n"
	"    def add(self, email, username, password_hash):\n"
	"        query(\n"
	"            \"INSERT INTO users (email, username, password_hash) VALUES ($Q, $Q, $Q)\",\n"
	"            (email, username, password_hash),\n"
	"        )\n"
	"        return self.get_by_email(email)\n\n"
	"    def update(self, user, **fields):\n"
	"        for key, value in fields.items():\n"
	"            query(f\"UPDATE users SET {key} = $Q WHERE id = $Q\", (value, user.id))\n"
	"        return self.get(user.id)\n\n"
	"    def is_following(self, follower_id, followed_id):\n"
	"        row = query(\n"
	"            \"SELECT 1 FROM follows WHERE follower_id = $Q AND followed_id = $Q\",\n"
	"            (follower_id, followed_id),\n"
	"            one=True,\n"
	"        )\n"
	"        return row is not None\n\n"
	"    def set_following(self, follower, followed, value):\n"
	"        if value:\n"
	"            query(\"INSERT INTO follows VALUES ($Q, $Q) ON CONFLICT DO NOTHING\", (follower.id, followed.id))\n"
	"        else:\n"
	"            query(\"DELETE FROM follows WHERE follower_id = $Q AND followed_id = $Q\", (follower.id, followed.id))\n",
	"    def list(self, author=None, tag=None, favorited=None, limit=20, offset=0):\n"
	"        sql = \"SELECT a.* FROM articles a JOIN users u ON u.id = a.author_id WHERE 1 = 1\"\n"
	"        params = []\n"
	"        if author:\n"
	"            sql += \" AND u.username = $Q\"\n"
	"            params.append(author)\n"
	"        if tag:\n"
	"            sql += \" AND a.id IN (SELECT article_id FROM article_tags WHERE tag = $Q)\"\n"
	"            params.append(tag)\n"
	"        if favorited:\n"
	"            sql += (\n"
	"                \" AND a.id IN (SELECT f.article_id FROM favorites f\"\n"
	"                \" JOIN users fu ON fu.id = f.user_id WHERE fu.username = $Q)\"\n"
	"            )\n"
	"            params.append(favorited)\n"
	"        count = len(query(sql, tuple(params)))\n"
	"        sql += \" ORDER BY a.created_at DESC LIMIT $Q OFFSET $Q\"\n"
	"        rows = query(sql, tuple(params) + (limit, offset))\n"
	"        return [self._load(r) for r in rows], count\n\n"
	"    def _load(self, row):\n"
	"        tags = [t[\"tag\"] for t in query(\"SELECT tag FROM article_tags WHERE article_id = $Q\", (row[\"id\"],))]\n"
	"        fav = query(\"SELECT COUNT(*) AS n FROM favorites WHERE article_id = $Q\", (row[\"id\"],), one=True)\n"
	"        return Article.from_row(row, tags, fav[\"n\"])\n\n"
	"    def get_by_slug(self, slug):\n"
	"        row = query(\"SELECT * FROM articles WHERE slug = $Q\", (slug,), one=True)\n"
	"        return self._load(row) if row else None\n\n"
	"    def add(self, slug, title, description, body, author_id, tag_names, now):\n"
	"        query(\n"
	"            \"INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)\"\n"
	"            \" VALUES ($Q, $Q, $Q, $Q, $Q, $Q, $Q)\",\n"
	"            (slug, title, description, body, author_id, now, now),\n"
	"        )\n"
	"        article = self.get_by_slug(slug)\n"
	"        for name in tag_names:\n"
	"            query(\"INSERT INTO article_tags VALUES ($Q, $Q) ON CONFLICT DO NOTHING\", (article.id, name))\n"
	"        return self.get_by_slug(slug)\n\n"
	"    def set_favorite(self, user_id, article_id, value):\n"
	"        if value:\n"
	"            query(\"INSERT INTO favorites VALUES ($Q, $Q) ON CONFLICT DO NOTHING\", (user_id, article_id))\n"
	"        else:\n"
	"            query(\"DELETE FROM favorites WHERE user_id = $Q AND article_id = $Q\", (user_id, article_id))\n\n"
	"    def delete(self, article):\n"
	"        query(\"DELETE FROM articles WHERE id = $Q\", (article.id,))\n\n"
	"    def all_tags(self):\n"
	"        return [r[\"tag\"] for r in query(\"SELECT DISTINCT tag FROM article_tags ORDER BY tag\")]\n",
	"    def for_article(self, article_id):\n"
	"        rows = query(\"SELECT * FROM comments WHERE article_id = $Q ORDER BY created_at\", (article_id,))\n"
	"        return [Comment.from_row(r) for r in rows]\n\n"
	"    def add(self, body, article_id, author_id, now):\n"
	"        row = query(\n"
	"            \"INSERT INTO comments (body, article_id, author_id, created_at, updated_at)\"\n"
	"            \" VALUES ($Q, $Q, $Q, $Q, $Q) RETURNING *\",\n"
	"            (body, article_id, author_id, now, now),\n"
	"            one=True,\n"
	"        )\n"
	"        return Comment.from_row(row)\n\n"
	"    def get(self, comment_id):\n"
	"        row = query(\"SELECT * FROM comments WHERE id = $Q\", (comment_id,), one=True)\n"
	"        return Comment.from_row(row) if row else None\n\n"
	"    def delete(self, comment):\n"
	"        query(\"DELETE FROM comments WHERE id = $Q\", (comment.id,))\n",
};

static const char *const PY_REPO_DJANGO[3] = {
	"    def get_by_email(self, email):\n"
	"        return User.objects.filter(email=email).first()\n\n"
	"    def get_by_username(self, username):\n"
	"        return User.objects.filter(username=username).first()\n\n"
	"    def get(self, user_id):\n"
	"        return User.objects.filter(pk=user_id).first()\n\n"
	"    def add(self, **fields):\n"
	"        return User.objects.create(**fields)\n\n"
	"    def update(self, user, **fields):\n"
	"        for key, value in fields.items():\n"
	"            setattr(user, key, value)\n"
	"        user.save()\n"
	"        return user\n\n"
	"    def set_following(self, follower, followed, value):\n"
	"        (follower.following.add if value else follower.following.remove)(followed)\n",
	"    def list(self, author=None, tag=None, favorited=None, limit=20, offset=0):\n"
	"        qs = Article.objects.select_related(\"author\").prefetch_related(\"tags\", \"favorited_by\")\n"
	"        if author:\n"
	"            qs = qs.filter(author__username=author)\n"
	"        if tag:\n"
	"            qs = qs.filter(tags__name=tag)\n"
	"        if favorited:\n"
	"            qs = qs.filter(favorited_by__username=favorited)\n"
	"        return list(qs[offset : offset + limit]), qs.count()\n\n"
	"    def get_by_slug(self, slug):\n"
	"        return Article.objects.filter(slug=slug).first()\n\n"
	"    def add(self, tag_names=(), **fields):\n"
	"        article = Article.objects.create(**fields)\n"
	"        for name in tag_names:\n"
	"            article.tags.add(Tag.objects.get_or_create(name=name)[0])\n"
	"        return article\n\n"
	"    def save(self, article):\n"
	"        article.save()\n"
	"        return article\n\n"
	"    def delete(self, article):\n"
	"        article.delete()\n\n"
	"    def all_tags(self):\n"
	"        return list(Tag.objects.order_by(\"name\").values_list(\"name\", flat=True))\n",
	"    def for_article(self, article_id):\n"
	"        return list(Comment.objects.filter(article_id=article_id).order_by(\"created_at\"))\n\n"
	"    def add(self, **fields):\n"
	"        return Comment.objects.create(**fields)\n\n"
	"    def get(self, comment_id):\n"
	"        return Comment.objects.filter(pk=comment_id).first()\n\n"
	"    def delete(self, comment):\n"
	"        comment.delete()\n",
};

static void
py_repos(const struct pctx *c, struct buf *b, int which)
{
	int lo = which == E_ALL ? 0 : which, hi = which == E_ALL ? 2 : which;
	struct gen_subst subs[] = {{'Q', c->pg ? "%s" : "?"}};

	if (which == E_ALL && !has_group(c, GG_COMMENTS))
		hi = 1;
	if (c->orm)
		buf_puts(b, "from sqlalchemy import func, select\nfrom sqlalchemy.orm import aliased\n\n");
	else if (!django_orm(c))
		buf_printf(b, "from %s.db import query\n", c->pkg);
	if (c->orm)
		buf_printf(b, "from %s.db import SessionLocal\n", c->pkg);
	for (int e = lo; e <= hi; e++) {
		buf_puts(b, "from ");
		py_mod(c, b, "models", e);
		buf_printf(b, " import %s%s\n", ent_class[e],
			   e == E_ARTICLE && (c->orm || django_orm(c)) ? ", Tag" : "");
		if (e == E_ARTICLE && c->orm && c->arch)
			buf_printf(b, "from %s.models.user import User\n", c->pkg);
	}
	if (c->a->arch_bad == GV_ARCH_UPWARD && (which == E_ARTICLE || which == E_USER))
		/* the planted violation: a repository reaching up into services */
		buf_printf(b, "from %s.services.%s_service import %s\n", c->pkg,
			   which == E_ARTICLE ? "article" : "user",
			   which == E_ARTICLE ? "slugify" : "hash_password");
	for (int e = lo; e <= hi; e++) {
		buf_printf(b, "\n\nclass %sRepository:\n", ent_class[e]);
		if (django_orm(c))
			buf_puts(b, PY_REPO_DJANGO[e]);
		else if (c->orm)
			buf_puts(b, PY_REPO_ORM[e]);
		else
			gen_expand(b, PY_REPO_SQL[e], subs, GEN_NELEM(subs));
	}
}

static const char PY_SVC_USER[] =
	"class UserService:\n"
	"    def register(self, payload):\n"
	"        data = (payload or {}).get(\"user\") or {}\n"
	"        missing = [k for k in (\"email\", \"username\", \"password\") if not data.get(k)]\n"
	"        if missing:\n"
	"            raise ServiceError(422, {k: [\"can't be blank\"] for k in missing})\n"
	"        if users.get_by_email(data[\"email\"]) or users.get_by_username(data[\"username\"]):\n"
	"            raise ServiceError(409, {\"email\": [\"has already been taken\"]})\n"
	"        user = users.add(\n"
	"            email=data[\"email\"],\n"
	"            username=data[\"username\"],\n"
	"            password_hash=hash_password(data[\"password\"]),\n"
	"        )\n"
	"        return user_json(user)\n\n"
	"    def login(self, payload):\n"
	"        data = (payload or {}).get(\"user\") or {}\n"
	"        user = users.get_by_email(data.get(\"email\", \"\"))\n"
	"$L"
	"            raise ServiceError(401, {\"credentials\": [\"invalid\"]})\n"
	"        return user_json(user)\n\n"
	"    def current(self, user):\n"
	"        return user_json(user)\n\n"
	"    def update(self, user, payload):\n"
	"        data = (payload or {}).get(\"user\") or {}\n"
	"        fields = {k: data[k] for k in (\"email\", \"username\", \"bio\", \"image\") if k in data}\n"
	"        if data.get(\"password\"):\n"
	"            fields[\"password_hash\"] = hash_password(data[\"password\"])\n"
	"        return user_json(users.update(user, **fields))\n";

static const char PY_SVC_PROFILE[] =
	"class ProfileService:\n"
	"    def _target(self, username):\n"
	"        user = users.get_by_username(username)\n"
	"        if user is None:\n"
	"            raise ServiceError(404, {\"profile\": [\"not found\"]})\n"
	"        return user\n\n"
	"    def get_profile(self, username, viewer=None):\n"
	"        target = self._target(username)\n"
	"        return {\"profile\": profile_json(target, viewer)}\n\n"
	"    def follow(self, username, viewer):\n"
	"        target = self._target(username)\n"
	"        users.set_following(viewer, target, True)\n"
	"        return {\"profile\": dict(profile_json(target, viewer), following=True)}\n\n"
	"    def unfollow(self, username, viewer):\n"
	"        target = self._target(username)\n"
	"        users.set_following(viewer, target, False)\n"
	"        return {\"profile\": dict(profile_json(target, viewer), following=False)}\n";

static const char PY_SVC_ARTICLE[] =
	"def slugify(title):\n"
	"    slug = re.sub(r\"[^a-z0-9]+\", \"-\", title.lower()).strip(\"-\")\n"
	"    return f\"{slug}-{uuid.uuid4().hex[:8]}\" if UNIQUE_SLUGS else slug\n\n\n"
	"def _tags(article):\n"
	"    tags = getattr(article, \"tag_list\", None)\n"
	"    if tags is None:\n"
	"        related = article.tags.all() if hasattr(article.tags, \"all\") else article.tags\n"
	"        tags = [t.name for t in related]\n"
	"    return sorted(tags)\n\n\n"
	"def article_json(article, viewer=None):\n"
	"    fans = getattr(article, \"favorited_by\", None)\n"
	"    if fans is not None and hasattr(fans, \"all\"):\n"
	"        fans = list(fans.all())\n"
	"    count = len(fans) if fans is not None else getattr(article, \"favorites_count\", 0)\n"
	"    author = getattr(article, \"author\", None) or users.get(article.author_id)\n"
	"    return {\n"
	"        \"slug\": article.slug,\n"
	"        \"title\": article.title,\n"
	"        \"description\": article.description,\n"
	"        \"body\": article.body,\n"
	"        \"tagList\": _tags(article),\n"
	"        \"createdAt\": iso(article.created_at),\n"
	"        \"updatedAt\": iso(article.updated_at),\n"
	"        \"favorited\": bool(viewer and fans is not None and any(f.id == viewer.id for f in fans)),\n"
	"        \"favoritesCount\": count,\n"
	"        \"author\": profile_json(author, viewer),\n"
	"    }\n\n\n"
	"class ArticleService:\n"
	"    def _get(self, slug):\n"
	"        article = articles.get_by_slug(slug)\n"
	"        if article is None:\n"
	"            raise ServiceError(404, {\"article\": [\"not found\"]})\n"
	"        return article\n\n"
	"    def list_articles(self, params, viewer=None):\n"
	"        limit = min(int(params.get(\"limit\", 20)), 100)\n"
	"        offset = int(params.get(\"offset\", 0))\n"
	"        rows, count = articles.list(\n"
	"            author=params.get(\"author\"),\n"
	"            tag=params.get(\"tag\"),\n"
	"            favorited=params.get(\"favorited\"),\n"
	"            limit=limit,\n"
	"            offset=offset,\n"
	"        )\n"
	"        return {\"articles\": [article_json(a, viewer) for a in rows], \"articlesCount\": count}\n\n"
	"    def feed(self, viewer, params):\n"
	"        followed = {u.username for u in getattr(viewer, \"following\", [])}\n"
	"        rows, _ = articles.list(limit=500)\n"
	"        mine = [a for a in rows if article_json(a)[\"author\"][\"username\"] in followed]\n"
	"        return {\"articles\": [article_json(a, viewer) for a in mine], \"articlesCount\": len(mine)}\n\n"
	"    def create(self, payload, viewer):\n"
	"        data = (payload or {}).get(\"article\") or {}\n"
	"        if not data.get(\"title\") or not data.get(\"body\"):\n"
	"            raise ServiceError(422, {\"article\": [\"title and body are required\"]})\n"
	"        article = articles.add(\n"
	"            slug=slugify(data[\"title\"]),\n"
	"            title=data[\"title\"],\n"
	"            description=data.get(\"description\", \"\"),\n"
	"            body=data[\"body\"],\n"
	"            author_id=viewer.id,\n"
	"            tag_names=data.get(\"tagList\") or [],\n"
	"        )\n"
	"        return {\"article\": article_json(article, viewer)}\n\n"
	"    def get(self, slug, viewer=None):\n"
	"        return {\"article\": article_json(self._get(slug), viewer)}\n\n"
	"    def update(self, slug, payload, viewer):\n"
	"        article = self._get(slug)\n"
	"        if article.author_id != viewer.id:\n"
	"            raise ServiceError(403, {\"article\": [\"forbidden\"]})\n"
	"        data = (payload or {}).get(\"article\") or {}\n"
	"        for key in (\"title\", \"description\", \"body\"):\n"
	"            if key in data:\n"
	"                setattr(article, key, data[key])\n"
	"        return {\"article\": article_json(articles.save(article), viewer)}\n\n"
	"    def delete(self, slug, viewer):\n"
	"        article = self._get(slug)\n"
	"        if article.author_id != viewer.id:\n"
	"            raise ServiceError(403, {\"article\": [\"forbidden\"]})\n"
	"        articles.delete(article)\n"
	"        return {}\n\n"
	"    def favorite(self, slug, viewer):\n"
	"        article = self._get(slug)\n"
	"        articles.set_favorite(viewer.id, article.id, True)\n"
	"        return {\"article\": article_json(self._get(slug), viewer)}\n\n"
	"    def unfavorite(self, slug, viewer):\n"
	"        article = self._get(slug)\n"
	"        articles.set_favorite(viewer.id, article.id, False)\n"
	"        return {\"article\": article_json(self._get(slug), viewer)}\n\n"
	"    def all_tags(self):\n"
	"        return {\"tags\": articles.all_tags()}\n";

static const char PY_SVC_COMMENT[] =
	"def comment_json(comment, viewer=None):\n"
	"    author = getattr(comment, \"author\", None) or users.get(comment.author_id)\n"
	"    return {\n"
	"        \"id\": comment.id,\n"
	"        \"body\": comment.body,\n"
	"        \"createdAt\": iso(comment.created_at),\n"
	"        \"updatedAt\": iso(comment.updated_at),\n"
	"        \"author\": profile_json(author, viewer),\n"
	"    }\n\n\n"
	"class CommentService:\n"
	"    def list_for_article(self, slug, viewer=None):\n"
	"        article = articles.get_by_slug(slug)\n"
	"        if article is None:\n"
	"            raise ServiceError(404, {\"article\": [\"not found\"]})\n"
	"        return {\"comments\": [comment_json(c, viewer) for c in comments.for_article(article.id)]}\n\n"
	"    def add(self, slug, payload, viewer):\n"
	"        article = articles.get_by_slug(slug)\n"
	"        if article is None:\n"
	"            raise ServiceError(404, {\"article\": [\"not found\"]})\n"
	"        body = ((payload or {}).get(\"comment\") or {}).get(\"body\")\n"
	"        if not body:\n"
	"            raise ServiceError(422, {\"body\": [\"can't be blank\"]})\n"
	"        comment = comments.add(body=body, article_id=article.id, author_id=viewer.id)\n"
	"        return {\"comment\": comment_json(comment, viewer)}\n\n"
	"    def delete(self, slug, comment_id, viewer):\n"
	"        comment = comments.get(int(comment_id))\n"
	"        if comment is None:\n"
	"            raise ServiceError(404, {\"comment\": [\"not found\"]})\n"
	"        if comment.author_id != viewer.id:\n"
	"            raise ServiceError(403, {\"comment\": [\"forbidden\"]})\n"
	"        comments.delete(comment)\n"
	"        return {}\n";

static void
py_services(const struct pctx *c, struct buf *b, int which)
{
	int lo = which == E_ALL ? 0 : which, hi = which == E_ALL ? 3 : which;
	bool bad_login = (c->a->defects >> GD_LOGIN) & 1;
	struct gen_subst subs[] = {
		{'L', bad_login ? "        if user is None or user.password_hash != data.get(\"password\"):\n" :
				  "        if user is None or not verify_password(data.get(\"password\", \"\"), user.password_hash):\n"},
	};
	bool need_article = which == E_ALL || which == S_ARTICLE || which == S_COMMENT;

	buf_puts(b, "import re\nimport uuid\n\nimport bcrypt\n\n");
	buf_printf(b, "from %s.errors import ServiceError\n", c->pkg);
	buf_puts(b, "from ");
	py_mod(c, b, "repositories", E_USER);
	buf_puts(b, " import UserRepository\n");
	if (need_article) {
		buf_puts(b, "from ");
		py_mod(c, b, "repositories", E_ARTICLE);
		buf_puts(b, " import ArticleRepository\n");
	}
	if ((which == E_ALL && has_group(c, GG_COMMENTS)) || which == S_COMMENT) {
		buf_puts(b, "from ");
		py_mod(c, b, "repositories", E_COMMENT);
		buf_puts(b, " import CommentRepository\n");
	}
	buf_printf(b, "from %s.security import create_token, iso\n\n", c->pkg);
	buf_puts(b, "UNIQUE_SLUGS = True\nusers = UserRepository()\n");
	if (need_article)
		buf_puts(b, "articles = ArticleRepository()\n");
	if ((which == E_ALL && has_group(c, GG_COMMENTS)) || which == S_COMMENT)
		buf_puts(b, "comments = CommentRepository()\n");
	buf_puts(b,
		"\n\ndef hash_password(password):\n"
		"    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()\n\n\n"
		"def verify_password(password, password_hash):\n"
		"    return bcrypt.checkpw(password.encode(), password_hash.encode())\n\n\n"
		"def profile_json(user, viewer=None):\n"
		"    following = bool(viewer) and user.username in {u.username for u in getattr(viewer, \"following\", [])}\n"
		"    return {\"username\": user.username, \"bio\": user.bio, \"image\": user.image, \"following\": following}\n\n\n"
		"def user_json(user):\n"
		"    return {\n"
		"        \"user\": {\n"
		"            \"email\": user.email,\n"
		"            \"username\": user.username,\n"
		"            \"bio\": user.bio,\n"
		"            \"image\": user.image,\n"
		"            \"token\": create_token(user.id),\n"
		"        }\n"
		"    }\n");
	for (int s = lo; s <= hi; s++) {
		if (which == E_ALL && ((s == S_PROFILE && !has_group(c, GG_PROFILES)) ||
				       (s == S_COMMENT && !has_group(c, GG_COMMENTS))))
			continue;
		buf_puts(b, "\n\n");
		switch (s) {
		case S_USER: gen_expand(b, PY_SVC_USER, subs, GEN_NELEM(subs)); break;
		case S_PROFILE: buf_puts(b, PY_SVC_PROFILE); break;
		case S_ARTICLE: buf_puts(b, PY_SVC_ARTICLE); break;
		default: buf_puts(b, PY_SVC_COMMENT); break;
		}
	}
}

static void
py_security(const struct pctx *c, struct buf *b)
{
	bool bearer = (c->a->defects >> GD_AUTH_SCHEME) & 1;
	buf_puts(b, "from datetime import datetime, timedelta, timezone\n\nimport jwt\n\n");
	buf_printf(b, "from %s.config import JWT_ALGORITHM, JWT_EXPIRES_DAYS, SECRET_KEY\n", c->pkg);
	buf_printf(b, "from %s.errors import ServiceError\n", c->pkg);
	buf_printf(b,
		"\n\ndef create_token(user_id):\n"
		"    now = datetime.now(timezone.utc)\n"
		"    payload = {\"sub\": str(user_id), \"iat\": now, \"exp\": now + timedelta(days=JWT_EXPIRES_DAYS)}\n"
		"    return jwt.encode(payload, SECRET_KEY, algorithm=JWT_ALGORITHM)\n\n\n"
		"def iso(value):\n"
		"    if isinstance(value, str):\n"
		"        return value\n"
		"    return value.replace(tzinfo=None).isoformat(timespec=\"milliseconds\") + \"Z\"\n\n\n"
		"def user_id_from_header(header, required=True):\n"
		"    \"\"\"Return the user id of an 'Authorization: %s <jwt>' header.\"\"\"\n"
		"    if not header or not header.startswith(\"%s \"):\n"
		"        if required:\n"
		"            raise ServiceError(401, {\"token\": [\"missing\"]})\n"
		"        return None\n"
		"    try:\n"
		"        payload = jwt.decode(header.split(\" \", 1)[1], SECRET_KEY, algorithms=[JWT_ALGORITHM])\n"
		"    except jwt.PyJWTError:\n"
		"        raise ServiceError(401, {\"token\": [\"invalid\"]})\n"
		"    return int(payload[\"sub\"])\n",
		bearer ? "Bearer" : "Token", bearer ? "Bearer" : "Token");
}

/* ------------------------------------------------------------ endpoints */

struct endpoint {
	int res;            /* R_* file the handler lives in */
	unsigned group;
	const char *method;
	const char *path;   /* with :slug / :username / :id */
	const char *fn;
	int auth;           /* 0 none, 1 optional, 2 required */
	int svc;            /* S_* */
	const char *call;   /* {body} {user} {slug} {username} {id} {query} */
	int code;
};

static const struct endpoint endpoints[] = {
	{R_USERS, GG_AUTH, "POST", "/users", "register", 0, S_USER, "register({body})", 201},
	{R_USERS, GG_AUTH, "POST", "/users/login", "login", 0, S_USER, "login({body})", 200},
	{R_USERS, GG_AUTH, "GET", "/user", "current_user", 2, S_USER, "current({user})", 200},
	{R_USERS, GG_AUTH, "PUT", "/user", "update_user", 2, S_USER, "update({user}, {body})", 200},
	{R_PROFILES, GG_PROFILES, "GET", "/profiles/:username", "get_profile", 1, S_PROFILE, "get_profile({username}, {user})", 200},
	{R_PROFILES, GG_PROFILES, "POST", "/profiles/:username/follow", "follow", 2, S_PROFILE, "follow({username}, {user})", 200},
	{R_PROFILES, GG_PROFILES, "DELETE", "/profiles/:username/follow", "unfollow", 2, S_PROFILE, "unfollow({username}, {user})", 200},
	{R_ARTICLES, GG_ARTICLES, "GET", "/articles", "list_articles", 1, S_ARTICLE, "list_articles({query}, {user})", 200},
	{R_ARTICLES, GG_FEED, "GET", "/articles/feed", "feed", 2, S_ARTICLE, "feed({user}, {query})", 200},
	{R_ARTICLES, GG_ARTICLES, "POST", "/articles", "create_article", 2, S_ARTICLE, "create({body}, {user})", 201},
	{R_ARTICLES, GG_ARTICLES, "GET", "/articles/:slug", "get_article", 1, S_ARTICLE, "get({slug}, {user})", 200},
	{R_ARTICLES, GG_ARTICLES, "PUT", "/articles/:slug", "update_article", 2, S_ARTICLE, "update({slug}, {body}, {user})", 200},
	{R_ARTICLES, GG_ARTICLES, "DELETE", "/articles/:slug", "delete_article", 2, S_ARTICLE, "delete({slug}, {user})", 200},
	{R_ARTICLES, GG_FAVORITES, "POST", "/articles/:slug/favorite", "favorite_article", 2, S_ARTICLE, "favorite({slug}, {user})", 200},
	{R_ARTICLES, GG_FAVORITES, "DELETE", "/articles/:slug/favorite", "unfavorite_article", 2, S_ARTICLE, "unfavorite({slug}, {user})", 200},
	{R_COMMENTS, GG_COMMENTS, "GET", "/articles/:slug/comments", "list_comments", 1, S_COMMENT, "list_for_article({slug}, {user})", 200},
	{R_COMMENTS, GG_COMMENTS, "POST", "/articles/:slug/comments", "add_comment", 2, S_COMMENT, "add({slug}, {body}, {user})", 201},
	{R_COMMENTS, GG_COMMENTS, "DELETE", "/articles/:slug/comments/:id", "delete_comment", 2, S_COMMENT, "delete({slug}, {id}, {user})", 200},
	{R_TAGS, GG_TAGS, "GET", "/tags", "list_tags", 0, S_ARTICLE, "all_tags()", 200},
};

/* Endpoint order for a file; the feed route goes after /articles/:slug when
 * the attempt has that defect (the slug route then captures it). */
static size_t
endpoint_order(const struct pctx *c, int res, const struct endpoint **out)
{
	size_t n = 0;
	const struct endpoint *feed = NULL;
	bool late_feed = (c->a->defects >> GD_FEED_ROUTE) & 1;

	for (size_t i = 0; i < GEN_NELEM(endpoints); i++) {
		const struct endpoint *e = &endpoints[i];
		if ((res != E_ALL && e->res != res) || !has_group(c, e->group))
			continue;
		if (e->group == GG_FEED && late_feed) {
			feed = e;
			continue;
		}
		out[n++] = e;
		if (feed && strcmp(e->fn, "get_article") == 0) {
			out[n++] = feed;
			feed = NULL;
		}
	}
	if (feed)
		out[n++] = feed;
	return n;
}

/* Substitute {body} {user} ... with the framework's expressions. */
static void
put_call(struct buf *b, const char *call, const char *const vals[6])
{
	static const char *const keys[6] = {"{body}", "{user}", "{slug}", "{username}", "{id}", "{query}"};
	for (const char *s = call; *s;) {
		size_t k;
		for (k = 0; k < 6; k++)
			if (strncmp(s, keys[k], strlen(keys[k])) == 0)
				break;
		if (k < 6) {
			buf_puts(b, vals[k]);
			s += strlen(keys[k]);
		} else {
			buf_putc(b, *s++);
		}
	}
}

/* Path in the framework's syntax (":slug" -> "<slug>" / "{slug}"). */
static void
put_path(struct buf *b, const char *path, const char *open, const char *close)
{
	for (const char *s = path; *s; s++) {
		if (*s == ':') {
			size_t n = strcspn(s + 1, "/");
			buf_puts(b, open);
			buf_append(b, s + 1, n);
			buf_puts(b, close);
			s += n;
		} else {
			buf_putc(b, *s);
		}
	}
}

static void
py_route_imports(const struct pctx *c, struct buf *b, int res)
{
	bool used[4] = {false, false, false, false};
	const struct endpoint *eps[GEN_NELEM(endpoints)];
	size_t n = endpoint_order(c, res, eps);

	for (size_t i = 0; i < n; i++)
		used[eps[i]->svc] = true;
	used[S_USER] = true; /* the auth helpers look users up */
	for (int s = 0; s < 4; s++) {
		if (!used[s])
			continue;
		if (c->flat_arch) {
			/* no services layer: the handlers talk to the models */
			continue;
		}
		buf_puts(b, "from ");
		py_mod(c, b, "services", s);
		buf_printf(b, " import %s\n", svc_class[s]);
	}
	if (c->flat_arch) {
		for (int e = 0; e < 3; e++) {
			if (e == E_COMMENT && !has_group(c, GG_COMMENTS))
				continue;
			buf_printf(b, "from %s.models.%s import %s\n", c->pkg, ent_name[e], ent_class[e]);
		}
		buf_printf(b, "from %s.db import %s\n", c->pkg, c->orm ? "SessionLocal" : "query");
	}
	buf_printf(b, "from %s.errors import ServiceError\n", c->pkg);
	buf_printf(b, "from %s.security import user_id_from_header\n", c->pkg);
	buf_puts(b, "\n");
	for (int s = 0; s < 4; s++)
		if (used[s])
			buf_printf(b, "%s_service = %s()\n", svc_name[s], c->flat_arch ? "Handlers" : svc_class[s]);
	if (c->flat_arch)
		buf_puts(b, "\n\nclass Handlers:\n"
			    "    \"\"\"Request logic kept next to the routes (queries inline).\"\"\"\n\n"
			    "    def __getattr__(self, name):\n"
			    "        raise ServiceError(501, {\"handler\": [name]})\n");
}

static void
py_handler(const struct pctx *c, struct buf *b, const struct endpoint *e)
{
	const char *svc = svc_name[e->svc];
	char m[8];
	size_t i;

	for (i = 0; e->method[i] && i < sizeof(m) - 1; i++)
		m[i] = (char)(e->method[i] | 0x20);
	m[i] = '\0';
	buf_putc(b, '\n');
	if (fw_is(c, "flask")) {
		static const char *const v[6] = {"request.get_json(silent=True)", "current_user()",
						 "slug", "username", "id", "request.args"};
		buf_puts(b, "\n@bp.route(\"");
		put_path(b, e->path, "<", ">");
		buf_printf(b, "\", methods=[\"%s\"])\ndef %s(", e->method, e->fn);
		for (const char *s = e->path; (s = strchr(s, ':')); s++)
			buf_printf(b, "%s%.*s", b->data[b->len - 1] == '(' ? "" : ", ",
				   (int)strcspn(s + 1, "/"), s + 1);
		buf_printf(b, "):\n    result = %s_service.", svc);
		put_call(b, e->call, v);
		buf_printf(b, "\n    return jsonify(result), %d\n", e->code);
	} else if (fw_is(c, "fastapi")) {
		static const char *const v[6] = {"payload", "user", "slug", "username", "id",
						 "dict(request.query_params)"};
		buf_printf(b, "\n@router.%s(\"", m);
		put_path(b, e->path, "{", "}");
		buf_printf(b, "\", status_code=%d)\ndef %s(", e->code, e->fn);
		buf_puts(b, "request: Request");
		for (const char *s = e->path; (s = strchr(s, ':')); s++)
			buf_printf(b, ", %.*s: str", (int)strcspn(s + 1, "/"), s + 1);
		if (strstr(e->call, "{body}"))
			buf_puts(b, ", payload: dict = Body(...)");
		if (e->auth)
			buf_printf(b, ", user=Depends(%s)", e->auth == 2 ? "require_user" : "optional_user");
		buf_printf(b, "):\n    return %s_service.", svc);
		put_call(b, e->call, v);
		buf_putc(b, '\n');
	} else if (fw_is(c, "aiohttp")) {
		static const char *const v[6] = {"await request.json()", "user", "request.match_info[\"slug\"]",
						 "request.match_info[\"username\"]", "request.match_info[\"id\"]",
						 "request.query"};
		buf_printf(b, "\n@routes.%s(\"/api", m);
		put_path(b, e->path, "{", "}");
		buf_printf(b, "\")\nasync def %s(request: web.Request) -> web.Response:\n", e->fn);
		if (e->auth)
			buf_printf(b, "    user = load_user(request, required=%s)\n", e->auth == 2 ? "True" : "False");
		buf_printf(b, "    result = %s_service.", svc);
		put_call(b, e->call, v);
		buf_printf(b, "\n    return web.json_response(result, status=%d)\n", e->code);
	} else { /* django */
		static const char *const v[6] = {"json.loads(request.body or b\"{}\")", "user", "slug",
						 "username", "comment_id", "request.GET"};
		buf_printf(b, "\n@api_view(\"%s\", auth=%d)\ndef %s(request, user", e->method, e->auth, e->fn);
		for (const char *s = e->path; (s = strchr(s, ':')); s++) {
			bool id = strncmp(s + 1, "id", 2) == 0;
			buf_printf(b, ", %.*s", id ? 10 : (int)strcspn(s + 1, "/"), id ? "comment_id" : s + 1);
		}
		buf_printf(b, "):\n    return JsonResponse(%s_service.", svc);
		put_call(b, e->call, v);
		buf_printf(b, ", status=%d)\n", e->code);
	}
}

static void
py_routes(const struct pctx *c, struct buf *b, int res)
{
	const struct endpoint *eps[GEN_NELEM(endpoints)];
	size_t n = endpoint_order(c, res, eps);

	if (fw_is(c, "flask"))
		buf_puts(b, "from flask import Blueprint, jsonify, request\n\n");
	else if (fw_is(c, "fastapi"))
		buf_puts(b, "from fastapi import APIRouter, Body, Depends, Request\n\n");
	else if (fw_is(c, "aiohttp"))
		buf_puts(b, "from aiohttp import web\n\n");
	else
		buf_puts(b, "import json\n\nfrom django.http import JsonResponse\n"
			    "from django.views.decorators.csrf import csrf_exempt\n\n");
	py_route_imports(c, b, res);
	buf_puts(b, "\n");
	if (fw_is(c, "flask"))
		buf_printf(b, "bp = Blueprint(\"%s\", __name__, url_prefix=\"/api\")\n\n\n"
			      "def current_user(required=True):\n"
			      "    user_id = user_id_from_header(request.headers.get(\"Authorization\"), required)\n"
			      "    return user_service.users.get(user_id) if user_id else None\n",
			   res == E_ALL ? "api" : res_name[res]);
	else if (fw_is(c, "fastapi"))
		buf_puts(b, "router = APIRouter(prefix=\"/api\")\n\n\n"
			    "def optional_user(request: Request):\n"
			    "    user_id = user_id_from_header(request.headers.get(\"authorization\"), required=False)\n"
			    "    return user_service.users.get(user_id) if user_id else None\n\n\n"
			    "def require_user(request: Request):\n"
			    "    return user_service.users.get(user_id_from_header(request.headers.get(\"authorization\")))\n");
	else if (fw_is(c, "aiohttp"))
		buf_puts(b, "routes = web.RouteTableDef()\n\n\n"
			    "def load_user(request, required=True):\n"
			    "    user_id = user_id_from_header(request.headers.get(\"Authorization\"), required)\n"
			    "    return user_service.users.get(user_id) if user_id else None\n");
	else
		buf_puts(b, "def api_view(method, auth=0):\n"
			    "    def wrap(view):\n"
			    "        @csrf_exempt\n"
			    "        def inner(request, *args, **kwargs):\n"
			    "            if request.method != method:\n"
			    "                return JsonResponse({\"errors\": {\"method\": [request.method]}}, status=405)\n"
			    "            try:\n"
			    "                user_id = user_id_from_header(request.headers.get(\"Authorization\"), auth == 2)\n"
			    "                user = user_service.users.get(user_id) if user_id else None\n"
			    "                return view(request, user, *args, **kwargs)\n"
			    "            except ServiceError as err:\n"
			    "                return JsonResponse({\"errors\": err.errors}, status=err.status)\n\n"
			    "        return inner\n\n"
			    "    return wrap\n");
	if (!has_group(c, GG_AUTH) || n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		py_handler(c, b, eps[i]);
}

static void
py_errors(struct buf *b)
{
	buf_puts(b, "class ServiceError(Exception):\n"
		    "    \"\"\"An error with the HTTP status and the RealWorld 'errors' body.\"\"\"\n\n"
		    "    def __init__(self, status, errors):\n"
		    "        super().__init__(errors)\n"
		    "        self.status = status\n"
		    "        self.errors = errors\n");
}

static void
py_route_modules(const struct pctx *c, struct buf *b, const char *fmt)
{
	for (int r = 0; r < 5; r++) {
		if (!c->arch && r > 0)
			break;
		if (c->arch && !resource_present(c, r))
			continue;
		if (c->arch)
			buf_printf(b, fmt, c->pkg, "routes.", res_name[r], res_name[r]);
		else
			buf_printf(b, fmt, c->pkg, "", "api", "api");
	}
}

static void
py_main(const struct pctx *c, struct buf *b)
{
	int port = app_port(c);

	if (fw_is(c, "flask")) {
		buf_puts(b, "from flask import Flask, jsonify\n\n");
		buf_printf(b, "from %s.db import init_db\nfrom %s.errors import ServiceError\n", c->pkg, c->pkg);
		py_route_modules(c, b, "from %s.%s%s import bp as %s_bp\n");
		buf_puts(b, "\n\ndef create_app():\n"
			    "    app = Flask(__name__)\n"
			    "    app.url_map.strict_slashes = False\n");
		py_route_modules(c, b, "    app.register_blueprint(%.0s%.0s%.0s%s_bp)\n");
		buf_puts(b, "\n    @app.get(\"/api/health-check\")\n"
			    "    def health_check():\n"
			    "        return jsonify({\"status\": \"ok\"})\n\n"
			    "    @app.errorhandler(ServiceError)\n"
			    "    def service_error(err):\n"
			    "        return jsonify({\"errors\": err.errors}), err.status\n\n"
			    "    with app.app_context():\n"
			    "        init_db()\n"
			    "    return app\n\n\n");
		buf_printf(b, "app = create_app()\n\nif __name__ == \"__main__\":\n"
			      "    app.run(host=\"0.0.0.0\", port=%d)\n", port);
	} else if (fw_is(c, "fastapi")) {
		buf_puts(b, "from fastapi import FastAPI, Request\nfrom fastapi.responses import JSONResponse\n\n");
		buf_printf(b, "from %s.db import init_db\nfrom %s.errors import ServiceError\n", c->pkg, c->pkg);
		py_route_modules(c, b, "from %s.%s%s import router as %s_router\n");
		buf_puts(b, "\napp = FastAPI(title=\"Conduit\")\n");
		py_route_modules(c, b, "app.include_router(%.0s%.0s%.0s%s_router)\n");
		buf_puts(b, "\n\n@app.on_event(\"startup\")\n"
			    "def startup():\n"
			    "    init_db()\n\n\n"
			    "@app.get(\"/api/health-check\")\n"
			    "def health_check():\n"
			    "    return {\"status\": \"ok\"}\n\n\n"
			    "@app.exception_handler(ServiceError)\n"
			    "async def service_error(request: Request, err: ServiceError):\n"
			    "    return JSONResponse({\"errors\": err.errors}, status_code=err.status)\n");
	} else if (fw_is(c, "aiohttp")) {
		buf_puts(b, "from aiohttp import web\n\n");
		buf_printf(b, "from %s.db import init_db\nfrom %s.errors import ServiceError\n", c->pkg, c->pkg);
		py_route_modules(c, b, "from %s.%s%s import routes as %s_routes\n");
		buf_puts(b, "\n\n@web.middleware\n"
			    "async def errors_middleware(request, handler):\n"
			    "    try:\n"
			    "        return await handler(request)\n"
			    "    except ServiceError as err:\n"
			    "        return web.json_response({\"errors\": err.errors}, status=err.status)\n\n\n"
			    "async def health_check(request):\n"
			    "    return web.json_response({\"status\": \"ok\"})\n\n\n"
			    "def create_app():\n"
			    "    app = web.Application(middlewares=[errors_middleware])\n"
			    "    app.router.add_get(\"/api/health-check\", health_check)\n");
		py_route_modules(c, b, "    app.add_routes(%.0s%.0s%.0s%s_routes)\n");
		buf_printf(b, "    init_db()\n    return app\n\n\nif __name__ == \"__main__\":\n"
			      "    web.run_app(create_app(), host=\"0.0.0.0\", port=%d)\n", port);
	} else {
		buf_puts(b, "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
			    "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"conduit.settings\")\n\n"
			    "application = get_wsgi_application()\n");
	}
}

static void
django_settings(const struct pctx *c, struct buf *b, struct gen_rng *r)
{
	char secret[33];
	gen_rng_hex(r, secret, 32);
	buf_printf(b, "from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n"
		      "SECRET_KEY = \"django-insecure-%s\"\nDEBUG = False\nALLOWED_HOSTS = [\"*\"]\n\n"
		      "INSTALLED_APPS = [\n    \"django.contrib.contenttypes\",\n    \"api\",\n]\n\n"
		      "MIDDLEWARE = [\n    \"django.middleware.common.CommonMiddleware\",\n]\n\n"
		      "ROOT_URLCONF = \"conduit.urls\"\nWSGI_APPLICATION = \"conduit.wsgi.application\"\n"
		      "APPEND_SLASH = False\n\n", secret);
	if (c->orm)
		buf_puts(b, "# The API's tables are managed with SQLAlchemy (api/db.py).\nDATABASES = {}\n");
	else if (c->pg)
		buf_printf(b, "DATABASES = {\n    \"default\": {\n"
			      "        \"ENGINE\": \"django.db.backends.postgresql\",\n"
			      "        \"NAME\": \"conduit\",\n        \"USER\": \"conduit\",\n"
			      "        \"PASSWORD\": \"conduit\",\n        \"HOST\": \"%s\",\n"
			      "        \"PORT\": \"5432\",\n    }\n}\n",
			   c->a->crash == GC_DB_CONNECT ? "localhost" : "postgres");
	else
		buf_puts(b, "DATABASES = {\n    \"default\": {\n"
			    "        \"ENGINE\": \"django.db.backends.sqlite3\",\n"
			    "        \"NAME\": BASE_DIR / \"db.sqlite3\",\n    }\n}\n");
	buf_puts(b, "\nUSE_TZ = True\nTIME_ZONE = \"UTC\"\nDEFAULT_AUTO_FIELD = \"django.db.models.BigAutoField\"\n");
}

static void
django_urls(const struct pctx *c, struct buf *b)
{
	const struct endpoint *eps[GEN_NELEM(endpoints)];
	size_t n = endpoint_order(c, E_ALL, eps);
	char seen[GEN_NELEM(endpoints)][48];
	size_t ns = 0;

	buf_puts(b, "from django.http import JsonResponse\nfrom django.urls import path\n\n");
	if (c->arch) {
		for (int r = 0; r < 5; r++)
			if (resource_present(c, r))
				buf_printf(b, "from api.routes import %s as %s_views\n", res_name[r], res_name[r]);
	} else {
		buf_puts(b, "from api import views as api_views\n");
	}
	buf_puts(b, "\n\ndef health_check(request):\n    return JsonResponse({\"status\": \"ok\"})\n\n\n"
		    "def by_method(**views):\n"
		    "    def dispatch(request, *args, **kwargs):\n"
		    "        view = views.get(request.method.lower())\n"
		    "        if view is None:\n"
		    "            return JsonResponse({\"errors\": {\"method\": [request.method]}}, status=405)\n"
		    "        return view(request, *args, **kwargs)\n\n"
		    "    return dispatch\n\n\n"
		    "urlpatterns = [\n    path(\"api/health-check\", health_check),\n");
	for (size_t i = 0; i < n; i++) {
		bool dup = false;
		for (size_t k = 0; k < ns; k++)
			dup = dup || strcmp(seen[k], eps[i]->path) == 0;
		if (dup)
			continue;
		snprintf(seen[ns++], sizeof(seen[0]), "%s", eps[i]->path);
		buf_puts(b, "    path(\"api");
		put_path(b, eps[i]->path, "<str:", ">");
		buf_puts(b, "\", by_method(");
		for (size_t k = i; k < n; k++) {
			char m[8];
			size_t j;
			if (strcmp(eps[k]->path, eps[i]->path) != 0)
				continue;
			for (j = 0; eps[k]->method[j] && j < 7; j++)
				m[j] = (char)(eps[k]->method[j] | 0x20);
			m[j] = '\0';
			buf_printf(b, "%s%s=%s_views.%s", k == i ? "" : ", ", m,
				   c->arch ? res_name[eps[k]->res] : "api", eps[k]->fn);
		}
		buf_puts(b, ")),\n");
	}
	buf_puts(b, "]\n");
}

static void
django_manage(struct buf *b)
{
	buf_puts(b, "#!/usr/bin/env python\nimport os\nimport sys\n\n\n"
		    "def main():\n"
		    "    os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"conduit.settings\")\n"
		    "    from django.core.management import execute_from_command_line\n\n"
		    "    execute_from_command_line(sys.argv)\n\n\n"
		    "if __name__ == \"__main__\":\n    main()\n");
}

/* ------------------------------------------------------------ Node */

static void
node_package(const struct pctx *c, struct buf *b)
{
	const struct gen_attempt *a = c->a;
	buf_puts(b, "{\n  \"name\": \"conduit-api\",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n"
		    "  \"main\": \"src/index.js\",\n  \"scripts\": {\n    \"start\": \"node src/index.js\",\n"
		    "    \"test\": \"jest --runInBand\"\n  },\n  \"dependencies\": {\n");
	if (fw_is(c, "express"))
		buf_puts(b, "    \"express\": \"^4.19.2\",\n    \"morgan\": \"^1.10.0\",\n");
	else if (fw_is(c, "fastify"))
		buf_puts(b, "    \"fastify\": \"^4.26.2\",\n");
	else if (fw_is(c, "hono"))
		buf_puts(b, "    \"hono\": \"^4.2.4\",\n    \"@hono/node-server\": \"^1.11.0\",\n");
	else
		buf_puts(b, "    \"koa\": \"^2.15.3\",\n    \"@koa/router\": \"^12.0.1\",\n"
			    "    \"koa-bodyparser\": \"^4.4.1\",\n    \"koa-logger\": \"^3.2.1\",\n");
	buf_puts(b, "    \"bcryptjs\": \"^2.4.3\",\n");
	if (a->crash == GC_INSTALL)
		buf_puts(b, "    \"jsonwebtoken\": \"^10.4.0\",\n");
	else if (a->crash != GC_MISSING_DEP)
		buf_puts(b, "    \"jsonwebtoken\": \"^9.0.2\",\n");
	if (c->orm) {
		buf_puts(b, "    \"sequelize\": \"^6.37.3\",\n");
		buf_puts(b, c->pg ? "    \"pg\": \"^8.11.5\",\n    \"pg-hstore\": \"^2.3.4\",\n" :
				    "    \"sqlite3\": \"^5.1.7\",\n");
	} else if (c->pg) {
		buf_puts(b, "    \"pg\": \"^8.11.5\",\n");
	} else if (!c->memory) {
		buf_puts(b, "    \"better-sqlite3\": \"^11.1.2\",\n");
	}
	if (a->db_bad == GV_DB_PSYCOPG)
		buf_puts(b, "    \"pg\": \"^8.11.5\",\n");
	if (a->db_bad == GV_DB_FALLBACK)
		buf_puts(b, "    \"sqlite3\": \"^5.1.7\",\n");
	buf_puts(b, "    \"slugify\": \"^1.6.6\"\n  },\n  \"devDependencies\": {\n"
		    "    \"jest\": \"^29.7.0\",\n    \"supertest\": \"^7.0.0\"\n  }\n}\n");
}

static void
node_config(const struct pctx *c, struct buf *b, struct gen_rng *r)
{
	char secret[17];
	gen_rng_hex(r, secret, 16);
	buf_printf(b, "module.exports = {\n  port: Number(process.env.PORT || %d),\n"
		      "  jwtSecret: process.env.JWT_SECRET || 'conduit-%s',\n  jwtExpiresIn: '30d',\n",
		   app_port(c), secret);
	if (c->pg)
		buf_printf(b, "  databaseUrl: process.env.DATABASE_URL || 'postgres://conduit:conduit@%s:5432/conduit',\n",
			   c->a->crash == GC_DB_CONNECT ? "localhost" : "postgres");
	else if (!c->memory)
		buf_printf(b, "  databaseFile: process.env.DATABASE_FILE || '%s',\n",
			   c->a->crash == GC_DB_CONNECT ? "/var/lib/conduit/conduit.db" : "conduit.db");
	buf_puts(b, "};\n");
}

static void
node_db(const struct pctx *c, struct buf *b)
{
	if (c->orm && c->pg) {
		buf_puts(b, "const { Sequelize } = require('sequelize');\nconst config = require('./config');\n\n"
			    "const sequelize = new Sequelize(config.databaseUrl, {\n  dialect: 'postgres',\n"
			    "  logging: false,\n});\n");
		if (c->a->db_bad == GV_DB_FALLBACK)
			buf_puts(b, "\n// Used by the tests when no Postgres server is around.\n"
				    "sequelize.testOptions = { dialect: 'sqlite', storage: ':memory:' };\n");
		buf_puts(b, "\nmodule.exports = sequelize;\n");
	} else if (c->orm) {
		buf_puts(b, "const { Sequelize } = require('sequelize');\nconst config = require('./config');\n\n"
			    "const sequelize = new Sequelize({\n  dialect: 'sqlite',\n"
			    "  storage: config.databaseFile,\n  logging: false,\n});\n\nmodule.exports = sequelize;\n");
	} else if (c->pg) {
		buf_puts(b, "const { Pool } = require('pg');\nconst config = require('./config');\n\n"
			    "const pool = new Pool({ connectionString: config.databaseUrl });\n\n"
			    "// Repositories write '?' placeholders; Postgres wants $1, $2, ...\n"
			    "function toPg(sql) {\n  let i = 0;\n  return sql.replace(/\\?/g, () => `$${++i}`);\n}\n\n"
			    "async function query(sql, params = []) {\n  const res = await pool.query(toPg(sql), params);\n"
			    "  return res.rows;\n}\n\nasync function init(schema) {\n  await pool.query(schema);\n}\n\n");
		if (c->a->db_bad == GV_DB_FALLBACK)
			buf_puts(b, "// Local development without Docker.\n"
				    "const localOptions = { dialect: 'sqlite', storage: 'conduit.sqlite' };\n\n");
		buf_puts(b, "module.exports = { query, init, pool };\n");
	} else if (!c->memory) {
		buf_puts(b, "const Database = require('better-sqlite3');\nconst config = require('./config');\n\n"
			    "const db = new Database(config.databaseFile);\ndb.pragma('journal_mode = WAL');\n"
			    "db.pragma('foreign_keys = ON');\n\n"
			    "async function query(sql, params = []) {\n  const stmt = db.prepare(sql);\n"
			    "  if (stmt.reader) return stmt.all(params);\n  const info = stmt.run(params);\n"
			    "  return [{ id: Number(info.lastInsertRowid), changes: info.changes }];\n}\n\n"
			    "async function init(schema) {\n  db.exec(schema);\n}\n\nmodule.exports = { query, init, db };\n");
	} else {
		buf_puts(b, "// In-memory storage: the data lives as long as the process.\n"
			    "const db = {\n  users: [],\n  articles: [],\n  comments: [],\n  follows: [],\n"
			    "  favorites: [],\n  seq: 1,\n};\n\nfunction nextId() {\n  db.seq += 1;\n  return db.seq;\n}\n\n"
			    "async function init() {}\n\nmodule.exports = { db, nextId, init };\n");
	}
	if (c->a->crash == GC_IMPORT_CYCLE)
		buf_puts(b, "\n// the app registers models on startup\nconst { app } = require('./index');\n"
			    "module.exports.app = app;\n");
}

static const char *const NODE_MODEL_ORM[3] = {
	"const User = sequelize.define('User', {\n"
	"  email: { type: DataTypes.STRING, allowNull: false, unique: true },\n"
	"  username: { type: DataTypes.STRING, allowNull: false, unique: true },\n"
	"  passwordHash: { type: DataTypes.STRING, allowNull: false },\n"
	"  bio: { type: DataTypes.TEXT, allowNull: true },\n"
	"  image: { type: DataTypes.STRING, allowNull: true },\n"
	"}, { tableName: 'users' });\n\n"
	"const Follow = sequelize.define('Follow', {}, { tableName: 'follows', timestamps: false });\n"
	"User.belongsToMany(User, { as: 'following', through: Follow, foreignKey: 'followerId', otherKey: 'followedId' });\n",
	"const Article = sequelize.define('Article', {\n"
	"  slug: { type: DataTypes.STRING, allowNull: false, unique: true },\n"
	"  title: { type: DataTypes.STRING, allowNull: false },\n"
	"  description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },\n"
	"  body: { type: DataTypes.TEXT, allowNull: false },\n"
	"  tagList: { type: DataTypes.JSON, allowNull: false, defaultValue: [] },\n"
	"}, { tableName: 'articles' });\n\n"
	"const Favorite = sequelize.define('Favorite', {}, { tableName: 'favorites', timestamps: false });\n"
	"Article.belongsTo(User, { as: 'author', foreignKey: 'authorId' });\n"
	"Article.belongsToMany(User, { as: 'favoritedBy', through: Favorite, foreignKey: 'articleId' });\n",
	"const Comment = sequelize.define('Comment', {\n"
	"  body: { type: DataTypes.TEXT, allowNull: false },\n"
	"}, { tableName: 'comments' });\n\n"
	"Comment.belongsTo(User, { as: 'author', foreignKey: 'authorId' });\n"
	"Comment.belongsTo(Article, { foreignKey: 'articleId', onDelete: 'CASCADE' });\n",
};

static const char NODE_SCHEMA[] =
	"CREATE TABLE IF NOT EXISTS users (\n"
	"  id $K,\n  email TEXT UNIQUE NOT NULL,\n  username TEXT UNIQUE NOT NULL,\n"
	"  password_hash TEXT NOT NULL,\n  bio TEXT,\n  image TEXT\n);\n"
	"CREATE TABLE IF NOT EXISTS follows (\n"
	"  follower_id INTEGER NOT NULL,\n  followed_id INTEGER NOT NULL,\n"
	"  PRIMARY KEY (follower_id, followed_id)\n);\n"
	"CREATE TABLE IF NOT EXISTS articles (\n"
	"  id $K,\n  slug TEXT UNIQUE NOT NULL,\n  title TEXT NOT NULL,\n"
	"  description TEXT NOT NULL DEFAULT '',\n  body TEXT NOT NULL,\n  tag_list TEXT NOT NULL DEFAULT '[]',\n"
	"  author_id INTEGER NOT NULL REFERENCES users(id),\n"
	"  created_at TEXT NOT NULL,\n  updated_at TEXT NOT NULL\n);\n"
	"CREATE TABLE IF NOT EXISTS favorites (\n"
	"  user_id INTEGER NOT NULL,\n  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (user_id, article_id)\n);\n"
	"CREATE TABLE IF NOT EXISTS comments (\n"
	"  id $K,\n  body TEXT NOT NULL,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  author_id INTEGER NOT NULL REFERENCES users(id),\n"
	"  created_at TEXT NOT NULL,\n  updated_at TEXT NOT NULL\n);\n";

static void
node_models(const struct pctx *c, struct buf *b, int which)
{
	int lo = which == E_ALL ? 0 : which, hi = which == E_ALL ? 2 : which;
	if (which == E_ALL && !has_group(c, GG_COMMENTS))
		hi = 1;
	if (c->orm) {
		buf_printf(b, "const { DataTypes } = require('sequelize');\nconst sequelize = require('%s');\n",
			   c->arch ? "../db" : "./db");
		if (c->arch && which > E_USER)
			buf_puts(b, "const User = require('./user');\n");
		if (c->arch && which == E_COMMENT)
			buf_puts(b, "const Article = require('./article');\n");
		for (int e = lo; e <= hi; e++) {
			buf_puts(b, "\n");
			buf_puts(b, NODE_MODEL_ORM[e]);
		}
		if (c->arch)
			buf_printf(b, "\nmodule.exports = %s;\n", ent_class[which]);
		else
			buf_printf(b, "\nmodule.exports = { sequelize, User, Article%s };\n",
				   hi == 2 ? ", Comment" : "");
	} else if (!c->memory) {
		struct gen_subst subs[] = {{'K', c->pg ? "SERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"}};
		if (c->arch && which != E_USER) {
			buf_printf(b, "// Row <-> object mapping for %s.\n", ent_table[which]);
			buf_printf(b, "function from%sRow(row) {\n  if (!row) return null;\n"
				      "  const { created_at: createdAt, updated_at: updatedAt, ...rest } = row;\n"
				      "  return { ...rest, createdAt, updatedAt };\n}\n\nmodule.exports = { from%sRow };\n",
				   ent_class[which], ent_class[which]);
			return;
		}
		buf_puts(b, "const SCHEMA = `\n");
		gen_expand(b, NODE_SCHEMA, subs, GEN_NELEM(subs));
		buf_puts(b, "`;\n\nfunction fromUserRow(row) {\n  if (!row) return null;\n"
			    "  return { id: row.id, email: row.email, username: row.username,\n"
			    "    passwordHash: row.password_hash, bio: row.bio, image: row.image };\n}\n\n"
			    "module.exports = { SCHEMA, fromUserRow };\n");
	} else {
		buf_printf(b, "// Plain objects; see repositories for storage.\nfunction new%s(fields) {\n"
			      "  const now = new Date().toISOString();\n  return { createdAt: now, updatedAt: now, ...fields };\n}\n\n"
			      "module.exports = { new%s };\n",
			   which == E_ALL ? "Record" : ent_class[which], which == E_ALL ? "Record" : ent_class[which]);
	}
}

static const char *const NODE_REPO_ORM[3] = {
	"  findByEmail(email) {\n    return User.findOne({ where: { email } });\n  },\n\n"
	"  findByUsername(username) {\n    return User.findOne({ where: { username }, include: [{ association: 'following' }] });\n  },\n\n"
	"  findById(id) {\n    return User.findByPk(id, { include: [{ association: 'following' }] });\n  },\n\n"
	"  create(fields) {\n    return User.create(fields);\n  },\n\n"
	"  async update(user, fields) {\n    await user.update(fields);\n    return user;\n  },\n\n"
	"  async setFollowing(follower, followed, value) {\n"
	"    if (value) await follower.addFollowing(followed);\n    else await follower.removeFollowing(followed);\n  },\n",
	"  async list({ author, tag, favorited, limit = 20, offset = 0 }) {\n"
	"    const include = [{ association: 'author', ...(author ? { where: { username: author } } : {}) },\n"
	"      { association: 'favoritedBy', ...(favorited ? { where: { username: favorited } } : {}) }];\n"
	"    const rows = await Article.findAll({ include, order: [['createdAt', 'DESC']] });\n"
	"    const tagged = tag ? rows.filter((a) => (a.tagList || []).includes(tag)) : rows;\n"
	"    return { rows: tagged.slice(offset, offset + limit), count: tagged.length };\n  },\n\n"
	"  findBySlug(slug) {\n"
	"    return Article.findOne({ where: { slug }, include: ['author', 'favoritedBy'] });\n  },\n\n"
	"  async create(fields) {\n    const article = await Article.create(fields);\n    return this.findBySlug(article.slug);\n  },\n\n"
	"  async save(article, fields) {\n    await article.update(fields);\n    return this.findBySlug(article.slug);\n  },\n\n"
	"  destroy(article) {\n    return article.destroy();\n  },\n\n"
	"  async setFavorite(article, user, value) {\n"
	"    if (value) await article.addFavoritedBy(user);\n    else await article.removeFavoritedBy(user);\n"
	"    return this.findBySlug(article.slug);\n  },\n\n"
	"  async allTags() {\n    const rows = await Article.findAll({ attributes: ['tagList'] });\n"
	"    return [...new Set(rows.flatMap((r) => r.tagList || []))].sort();\n  },\n",
	"  forArticle(articleId) {\n"
	"    return Comment.findAll({ where: { articleId }, include: ['author'], order: [['createdAt', 'ASC']] });\n  },\n\n"
	"  async create(fields) {\n    const comment = await Comment.create(fields);\n"
	"    return Comment.findByPk(comment.id, { include: ['author'] });\n  },\n\n"
	"  findById(id) {\n    return Comment.findByPk(id);\n  },\n\n"
	"  destroy(comment) {\n    return comment.destroy();\n  },\n",
};

static const char *const NODE_REPO_SQL[3] = {
	"  async findByEmail(email) {\n    const [row] = await query('SELECT * FROM users WHERE email = ?', [email]);\n"
	"    return fromUserRow(row);\n  },\n\n"
	"  async findByUsername(username) {\n    const [row] = await query('SELECT * FROM users WHERE username = ?', [username]);\n"
	"    return fromUserRow(row);\n  },\n\n"
	"  async findById(id) {\n    const [row] = await query('SELECT * FROM users WHERE id = ?', [id]);\n"
	"    return fromUserRow(row);\n  },\n\n"
	"  async create({ email, username, passwordHash }) {\n"
	"    await query('INSERT INTO users (email, username, password_hash) VALUES (?, ?, ?)', [email, username, passwordHash]);\n"
	"    return this.findByEmail(email);\n  },\n\n"
	"  async update(user, fields) {\n    const next = { ...user, ...fields };\n"
	"    await query('UPDATE users SET email = ?, username = ?, bio = ?, image = ? WHERE id = ?',\n"
	"      [next.email, next.username, next.bio, next.image, user.id]);\n    return this.findById(user.id);\n  },\n\n"
	"  async isFollowing(followerId, followedId) {\n"
	"    const rows = await query('SELECT 1 FROM follows WHERE follower_id = ? AND followed_id = ?', [followerId, followedId]);\n"
	"    return rows.length > 0;\n  },\n\n"
	"  async setFollowing(follower, followed, value) {\n"
	"    if (value) await query('INSERT INTO follows VALUES (?, ?) ON CONFLICT DO NOTHING', [follower.id, followed.id]);\n"
	"    else await query('DELETE FROM follows WHERE follower_id = ? AND followed_id = ?', [follower.id, followed.id]);\n  },\n",
	"  async list({ author, tag, favorited, limit = 20, offset = 0 }) {\n"
	"    let sql = 'SELECT a.* FROM articles a JOIN users u ON u.id = a.author_id WHERE 1 = 1';\n"
	"    const params = [];\n"
	"    if (author) { sql += ' AND u.username = ?'; params.push(author); }\n"
	"    if (tag) { sql += ' AND a.tag_list LIKE ?'; params.push(`%\"${tag}\"%`); }\n"
	"    if (favorited) {\n"
	"      sql += ' AND a.id IN (SELECT f.article_id FROM favorites f JOIN users fu ON fu.id = f.user_id WHERE fu.username = ?)';\n"
	"      params.push(favorited);\n    }\n"
	"    const all = await query(`${sql} ORDER BY a.created_at DESC`, params);\n"
	"    return { rows: all.slice(offset, offset + limit).map(fromArticleRow), count: all.length };\n  },\n\n"
	"  async findBySlug(slug) {\n    const [row] = await query('SELECT * FROM articles WHERE slug = ?', [slug]);\n"
	"    return row ? fromArticleRow(row) : null;\n  },\n\n"
	"  async create(fields) {\n    const now = new Date().toISOString();\n"
	"    await query('INSERT INTO articles (slug, title, description, body, tag_list, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',\n"
	"      [fields.slug, fields.title, fields.description, fields.body, JSON.stringify(fields.tagList), fields.authorId, now, now]);\n"
	"    return this.findBySlug(fields.slug);\n  },\n\n"
	"  async save(article, fields) {\n    const next = { ...article, ...fields };\n"
	"    await query('UPDATE articles SET title = ?, description = ?, body = ?, updated_at = ? WHERE id = ?',\n"
	"      [next.title, next.description, next.body, new Date().toISOString(), article.id]);\n"
	"    return this.findBySlug(article.slug);\n  },\n\n"
	"  destroy(article) {\n    return query('DELETE FROM articles WHERE id = ?', [article.id]);\n  },\n\n"
	"  async setFavorite(article, user, value) {\n"
	"    if (value) await query('INSERT INTO favorites VALUES (?, ?) ON CONFLICT DO NOTHING', [user.id, article.id]);\n"
	"    else await query('DELETE FROM favorites WHERE user_id = ? AND article_id = ?', [user.id, article.id]);\n"
	"    return this.findBySlug(article.slug);\n  },\n\n"
	"  async allTags() {\n    const rows = await query('SELECT tag_list FROM articles');\n"
	"    return [...new Set(rows.flatMap((r) => JSON.parse(r.tag_list)))].sort();\n  },\n",
	"  async forArticle(articleId) {\n"
	"    const rows = await query('SELECT * FROM comments WHERE article_id = ? ORDER BY created_at', [articleId]);\n"
	"    return rows.map(fromCommentRow);\n  },\n\n"
	"  async create({ body, articleId, authorId }) {\n    const now = new Date().toISOString();\n"
	"    const [row] = await query('INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *',\n"
	"      [body, articleId, authorId, now, now]);\n    return fromCommentRow(row);\n  },\n\n"
	"  async findById(id) {\n    const [row] = await query('SELECT * FROM comments WHERE id = ?', [id]);\n"
	"    return row ? fromCommentRow(row) : null;\n  },\n\n"
	"  destroy(comment) {\n    return query('DELETE FROM comments WHERE id = ?', [comment.id]);\n  },\n",
};

static const char *const NODE_REPO_MEM[3] = {
	"  async findByEmail(email) {\n    return db.users.find((u) => u.email === email) || null;\n  },\n\n"
	"  async findByUsername(username) {\n    return db.users.find((u) => u.username === username) || null;\n  },\n\n"
	"  async findById(id) {\n    return db.users.find((u) => u.id === id) || null;\n  },\n\n"
	"  async create(fields) {\n    const user = { id: nextId(), bio: null, image: null, ...fields };\n"
	"    db.users.push(user);\n    return user;\n  },\n\n"
	"  async update(user, fields) {\n    Object.assign(user, fields);\n    return user;\n  },\n\n"
	"  async isFollowing(followerId, followedId) {\n"
	"    return db.follows.some((f) => f.followerId === followerId && f.followedId === followedId);\n  },\n\n"
	"  async setFollowing(follower, followed, value) {\n"
	"    db.follows = db.follows.filter((f) => !(f.followerId === follower.id && f.followedId === followed.id));\n"
	"    if (value) db.follows.push({ followerId: follower.id, followedId: followed.id });\n  },\n",
	"  async list({ author, tag, favorited, limit = 20, offset = 0 }) {\n"
	"    let rows = [...db.articles].reverse();\n"
	"    if (author) rows = rows.filter((a) => db.users.find((u) => u.id === a.authorId)?.username === author);\n"
	"    if (tag) rows = rows.filter((a) => a.tagList.includes(tag));\n"
	"    if (favorited) {\n      const fan = db.users.find((u) => u.username === favorited);\n"
	"      rows = rows.filter((a) => fan && db.favorites.some((f) => f.userId === fan.id && f.articleId === a.id));\n    }\n"
	"    return { rows: rows.slice(offset, offset + limit), count: rows.length };\n  },\n\n"
	"  async findBySlug(slug) {\n    return db.articles.find((a) => a.slug === slug) || null;\n  },\n\n"
	"  async create(fields) {\n    const now = new Date().toISOString();\n"
	"    const article = { id: nextId(), createdAt: now, updatedAt: now, ...fields };\n"
	"    db.articles.push(article);\n    return article;\n  },\n\n"
	"  async save(article, fields) {\n    Object.assign(article, fields, { updatedAt: new Date().toISOString() });\n    return article;\n  },\n\n"
	"  async destroy(article) {\n    db.articles = db.articles.filter((a) => a.id !== article.id);\n  },\n\n"
	"  async setFavorite(article, user, value) {\n"
	"    db.favorites = db.favorites.filter((f) => !(f.userId === user.id && f.articleId === article.id));\n"
	"    if (value) db.favorites.push({ userId: user.id, articleId: article.id });\n    return article;\n  },\n\n"
	"  async allTags() {\n    return [...new Set(db.articles.flatMap((a) => a.tagList))].sort();\n  },\n",
	"  async forArticle(articleId) {\n    return db.comments.filter((c) => c.articleId === articleId);\n  },\n\n"
	"  async create(fields) {\n    const now = new Date().toISOString();\n"
	"    const comment = { id: nextId(), createdAt: now, updatedAt: now, ...fields };\n"
	"    db.comments.push(comment);\n    return comment;\n  },\n\n"
	"  async findById(id) {\n    return db.comments.find((c) => c.id === id) || null;\n  },\n\n"
	"  async destroy(comment) {\n    db.comments = db.comments.filter((c) => c.id !== comment.id);\n  },\n",
};

static void
node_repos(const struct pctx *c, struct buf *b, int which)
{
	int lo = which == E_ALL ? 0 : which, hi = which == E_ALL ? 2 : which;
	const char *up = c->arch ? "../" : "./";

	if (which == E_ALL && !has_group(c, GG_COMMENTS))
		hi = 1;
	if (c->orm) {
		if (c->arch)
			buf_printf(b, "const %s = require('../models/%s');\n", ent_class[which], ent_name[which]);
		else
			buf_printf(b, "const { User, Article%s } = require('./schema');\n", hi == 2 ? ", Comment" : "");
	} else if (!c->memory) {
		buf_printf(b, "const { query } = require('%sdb');\n", up);
		if (c->arch)
			buf_printf(b, "const { from%sRow } = require('../models/%s');\n",
				   which == E_USER ? "User" : ent_class[which], ent_name[which]);
		else
			buf_puts(b, "const { fromUserRow } = require('./schema');\n\n"
				    "const fromArticleRow = (row) => ({ ...row, tagList: JSON.parse(row.tag_list || '[]'),\n"
				    "  authorId: row.author_id, createdAt: row.created_at, updatedAt: row.updated_at });\n"
				    "const fromCommentRow = (row) => ({ ...row, articleId: row.article_id,\n"
				    "  authorId: row.author_id, createdAt: row.created_at, updatedAt: row.updated_at });\n");
	} else {
		buf_printf(b, "const { db, nextId } = require('%sdb');\n", up);
	}
	if (c->a->arch_bad == GV_ARCH_UPWARD && (which == E_ARTICLE || which == E_USER))
		buf_printf(b, "const { %s } = require('../services/%sService');\n",
			   which == E_ARTICLE ? "slugFor" : "hashPassword", which == E_ARTICLE ? "article" : "user");
	for (int e = lo; e <= hi; e++) {
		buf_printf(b, "\nconst %sRepository = {\n", ent_name[e]);
		buf_puts(b, c->orm ? NODE_REPO_ORM[e] : c->memory ? NODE_REPO_MEM[e] : NODE_REPO_SQL[e]);
		buf_puts(b, "};\n");
	}
	if (c->arch)
		buf_printf(b, "\nmodule.exports = %sRepository;\n", ent_name[which]);
	else
		buf_printf(b, "\nmodule.exports = { userRepository, articleRepository%s };\n",
			   hi == 2 ? ", commentRepository" : "");
}

static const char NODE_SVC_USER[] =
	"async function hashPassword(password) {\n  return bcrypt.hash(password, 10);\n}\n\n"
	"function signToken(user) {\n  return jwt.sign({ id: user.id }, config.jwtSecret, { expiresIn: config.jwtExpiresIn });\n}\n\n"
	"function userJson(user) {\n"
	"  return { user: { email: user.email, username: user.username, bio: user.bio ?? null, image: user.image ?? null, token: signToken(user) } };\n}\n\n"
	"const userService = {\n"
	"  async register(body) {\n    const { email, username, password } = (body && body.user) || {};\n"
	"    if (!email || !username || !password) throw new HttpError(422, { body: [\"email, username and password can't be blank\"] });\n"
	"    if (await userRepository.findByEmail(email)) throw new HttpError(409, { email: ['has already been taken'] });\n"
	"    const user = await userRepository.create({ email, username, passwordHash: await hashPassword(password) });\n"
	"    return userJson(user);\n  },\n\n"
	"  async login(body) {\n    const { email, password } = (body && body.user) || {};\n"
	"    const user = email ? await userRepository.findByEmail(email) : null;\n"
	"$L"
	"    return userJson(user);\n  },\n\n"
	"  async current(user) {\n    return userJson(user);\n  },\n\n"
	"  async update(user, body) {\n    const fields = { ...((body && body.user) || {}) };\n"
	"    if (fields.password) fields.passwordHash = await hashPassword(fields.password);\n"
	"    delete fields.password;\n    return userJson(await userRepository.update(user, fields));\n  },\n};\n";

static const char NODE_SVC_PROFILE[] =
	"async function profileJson(user, viewer) {\n"
	"  const following = viewer ? await userRepository.isFollowing?.(viewer.id, user.id) ?? false : false;\n"
	"  return { username: user.username, bio: user.bio ?? null, image: user.image ?? null, following: Boolean(following) };\n}\n\n"
	"const profileService = {\n"
	"  async target(username) {\n    const user = await userRepository.findByUsername(username);\n"
	"    if (!user) throw new HttpError(404, { profile: ['not found'] });\n    return user;\n  },\n\n"
	"  async getProfile(username, viewer) {\n    return { profile: await profileJson(await this.target(username), viewer) };\n  },\n\n"
	"  async follow(username, viewer) {\n    const target = await this.target(username);\n"
	"    await userRepository.setFollowing(viewer, target, true);\n"
	"    return { profile: { ...(await profileJson(target, viewer)), following: true } };\n  },\n\n"
	"  async unfollow(username, viewer) {\n    const target = await this.target(username);\n"
	"    await userRepository.setFollowing(viewer, target, false);\n"
	"    return { profile: { ...(await profileJson(target, viewer)), following: false } };\n  },\n};\n";

static const char NODE_SVC_ARTICLE[] =
	"function slugFor(title) {\n  return `${slugify(title, { lower: true, strict: true })}-${Date.now().toString(36)}`;\n}\n\n"
	"async function articleJson(article, viewer) {\n"
	"  const author = article.author || (await userRepository.findById(article.authorId));\n"
	"  const fans = article.favoritedBy || [];\n"
	"  return {\n    slug: article.slug,\n    title: article.title,\n    description: article.description,\n"
	"    body: article.body,\n    tagList: [...(article.tagList || [])].sort(),\n"
	"    createdAt: new Date(article.createdAt).toISOString(),\n    updatedAt: new Date(article.updatedAt).toISOString(),\n"
	"    favorited: Boolean(viewer && fans.some((f) => f.id === viewer.id)),\n"
	"    favoritesCount: fans.length,\n"
	"    author: { username: author.username, bio: author.bio ?? null, image: author.image ?? null, following: false },\n  };\n}\n\n"
	"const articleService = {\n"
	"  async get404(slug) {\n    const article = await articleRepository.findBySlug(slug);\n"
	"    if (!article) throw new HttpError(404, { article: ['not found'] });\n    return article;\n  },\n\n"
	"  async listArticles(query, viewer) {\n"
	"    const limit = Math.min(Number(query.limit) || 20, 100);\n    const offset = Number(query.offset) || 0;\n"
	"    const { rows, count } = await articleRepository.list({ ...query, limit, offset });\n"
	"    return { articles: await Promise.all(rows.map((a) => articleJson(a, viewer))), articlesCount: count };\n  },\n\n"
	"  async feed(viewer, query) {\n    const { rows } = await articleRepository.list({ limit: 500 });\n"
	"    const mine = [];\n    for (const a of rows) {\n"
	"      if (await userRepository.isFollowing?.(viewer.id, a.authorId)) mine.push(a);\n    }\n"
	"    const offset = Number(query.offset) || 0;\n"
	"    const page = mine.slice(offset, offset + (Number(query.limit) || 20));\n"
	"    return { articles: await Promise.all(page.map((a) => articleJson(a, viewer))), articlesCount: mine.length };\n  },\n\n"
	"  async create(body, viewer) {\n    const input = (body && body.article) || {};\n"
	"    if (!input.title || !input.body) throw new HttpError(422, { article: ['title and body are required'] });\n"
	"    const article = await articleRepository.create({\n      slug: slugFor(input.title),\n"
	"      title: input.title,\n      description: input.description || '',\n      body: input.body,\n"
	"      tagList: input.tagList || [],\n      authorId: viewer.id,\n    });\n"
	"    return { article: await articleJson(article, viewer) };\n  },\n\n"
	"  async get(slug, viewer) {\n    return { article: await articleJson(await this.get404(slug), viewer) };\n  },\n\n"
	"  async update(slug, body, viewer) {\n    const article = await this.get404(slug);\n"
	"    if (article.authorId !== viewer.id) throw new HttpError(403, { article: ['forbidden'] });\n"
	"    const saved = await articleRepository.save(article, (body && body.article) || {});\n"
	"    return { article: await articleJson(saved, viewer) };\n  },\n\n"
	"  async delete(slug, viewer) {\n    const article = await this.get404(slug);\n"
	"    if (article.authorId !== viewer.id) throw new HttpError(403, { article: ['forbidden'] });\n"
	"    await articleRepository.destroy(article);\n    return {};\n  },\n\n"
	"  async favorite(slug, viewer) {\n    const article = await articleRepository.setFavorite(await this.get404(slug), viewer, true);\n"
	"    return { article: await articleJson(article, viewer) };\n  },\n\n"
	"  async unfavorite(slug, viewer) {\n    const article = await articleRepository.setFavorite(await this.get404(slug), viewer, false);\n"
	"    return { article: await articleJson(article, viewer) };\n  },\n\n"
	"  async allTags() {\n    return { tags: await articleRepository.allTags() };\n  },\n};\n";

static const char NODE_SVC_COMMENT[] =
	"async function commentJson(comment) {\n"
	"  const author = comment.author || (await userRepository.findById(comment.authorId));\n"
	"  return {\n    id: comment.id,\n    body: comment.body,\n"
	"    createdAt: new Date(comment.createdAt).toISOString(),\n    updatedAt: new Date(comment.updatedAt).toISOString(),\n"
	"    author: { username: author.username, bio: author.bio ?? null, image: author.image ?? null, following: false },\n  };\n}\n\n"
	"const commentService = {\n"
	"  async listForArticle(slug) {\n    const article = await articleRepository.findBySlug(slug);\n"
	"    if (!article) throw new HttpError(404, { article: ['not found'] });\n"
	"    const rows = await commentRepository.forArticle(article.id);\n"
	"    return { comments: await Promise.all(rows.map(commentJson)) };\n  },\n\n"
	"  async add(slug, body, viewer) {\n    const article = await articleRepository.findBySlug(slug);\n"
	"    if (!article) throw new HttpError(404, { article: ['not found'] });\n"
	"    const text = body && body.comment && body.comment.body;\n"
	"    if (!text) throw new HttpError(422, { body: [\"can't be blank\"] });\n"
	"    const comment = await commentRepository.create({ body: text, articleId: article.id, authorId: viewer.id });\n"
	"    return { comment: await commentJson(comment) };\n  },\n\n"
	"  async delete(slug, id, viewer) {\n    const comment = await commentRepository.findById(Number(id));\n"
	"    if (!comment) throw new HttpError(404, { comment: ['not found'] });\n"
	"    if (comment.authorId !== viewer.id) throw new HttpError(403, { comment: ['forbidden'] });\n"
	"    await commentRepository.destroy(comment);\n    return {};\n  },\n};\n";

static void
node_services(const struct pctx *c, struct buf *b, int which)
{
	bool bad_login = (c->a->defects >> GD_LOGIN) & 1;
	struct gen_subst subs[] = {
		{'L', bad_login ? "    if (!user || user.passwordHash !== password) throw new HttpError(401, { credentials: ['invalid'] });\n" :
				  "    if (!user || !(await bcrypt.compare(password || '', user.passwordHash))) throw new HttpError(401, { credentials: ['invalid'] });\n"},
	};
	const char *up = c->arch ? "../" : "./";
	bool all = which == E_ALL;
	bool comments = has_group(c, GG_COMMENTS) && (all || which == S_COMMENT);

	if (all || which == S_USER)
		buf_puts(b, "const bcrypt = require('bcryptjs');\nconst jwt = require('jsonwebtoken');\n");
	if (all || which == S_ARTICLE)
		buf_puts(b, "const slugify = require('slugify');\n");
	buf_printf(b, "const config = require('%sconfig');\nconst { HttpError } = require('%serrors');\n", up, up);
	if (c->arch) {
		buf_puts(b, "const userRepository = require('../repositories/userRepository');\n");
		if (which == S_ARTICLE || which == S_COMMENT)
			buf_puts(b, "const articleRepository = require('../repositories/articleRepository');\n");
		if (which == S_COMMENT)
			buf_puts(b, "const commentRepository = require('../repositories/commentRepository');\n");
	} else {
		buf_printf(b, "const { userRepository, articleRepository%s } = require('./store');\n",
			   comments ? ", commentRepository" : "");
	}
	buf_puts(b, "\n");
	if (all || which == S_USER)
		gen_expand(b, NODE_SVC_USER, subs, GEN_NELEM(subs));
	if ((all && has_group(c, GG_PROFILES)) || which == S_PROFILE)
		buf_printf(b, "%s%s", all ? "\n" : "", NODE_SVC_PROFILE);
	if (all || which == S_ARTICLE)
		buf_printf(b, "%s%s", all ? "\n" : "", NODE_SVC_ARTICLE);
	if (comments)
		buf_printf(b, "%s%s", all ? "\n" : "", NODE_SVC_COMMENT);
	if (c->arch) {
		static const char *const exports[4] = {
			"userService, hashPassword", "profileService", "articleService, slugFor", "commentService"};
		buf_printf(b, "\nmodule.exports = { %s };\n", exports[which]);
	} else {
		buf_printf(b, "\nmodule.exports = { userService, articleService%s%s };\n",
			   has_group(c, GG_PROFILES) ? ", profileService" : "", comments ? ", commentService" : "");
	}
	if (c->a->crash == GC_SYNTAX && (all || which == S_ARTICLE))
		buf_puts(b, "\nfunction summary(article) {\n  return { slug: article.slug, title: article.title };\n}}\n");
}

static void
node_auth(const struct pctx *c, struct buf *b)
{
	bool bearer = (c->a->defects >> GD_AUTH_SCHEME) & 1;
	const char *scheme = bearer ? "Bearer" : "Token";
	const char *up = c->arch ? "../" : "./";

	buf_printf(b, "const jwt = require('jsonwebtoken');\nconst config = require('%sconfig');\n"
		      "const { HttpError } = require('%serrors');\n", up, up);
	if (c->arch)
		buf_puts(b, "const userRepository = require('../repositories/userRepository');\n");
	else
		buf_puts(b, "const { userRepository } = require('./store');\n");
	buf_printf(b, "\n// Reads 'Authorization: %s <jwt>'.  Optional routes treat a missing\n"
		      "// header as anonymous; a bad token is refused everywhere.\n"
		      "async function currentUser(header, required) {\n"
		      "  if (!header || !header.startsWith('%s ')) {\n"
		      "    if (required) throw new HttpError(401, { token: ['missing'] });\n    return null;\n  }\n"
		      "  let payload;\n  try {\n    payload = jwt.verify(header.slice(%d), config.jwtSecret);\n"
		      "  } catch (err) {\n    throw new HttpError(401, { token: ['invalid'] });\n  }\n"
		      "  const user = await userRepository.findById(payload.id);\n"
		      "  if (!user && required) throw new HttpError(401, { token: ['unknown user'] });\n"
		      "  return user;\n}\n\nmodule.exports = { currentUser };\n",
		   scheme, scheme, (int)strlen(scheme) + 1);
}

static void
node_errors(struct buf *b)
{
	buf_puts(b, "class HttpError extends Error {\n  constructor(status, errors) {\n"
		    "    super(JSON.stringify(errors));\n    this.status = status;\n    this.errors = errors;\n  }\n}\n\n"
		    "module.exports = { HttpError };\n");
}

static void
put_camel_call(struct buf *b, const char *call, const char *const vals[6])
{
	struct buf t;
	buf_init(&t);
	for (const char *s = call; *s && *s != '('; s++) {
		if (*s == '_' && s[1]) {
			buf_putc(&t, (char)(s[1] & ~0x20));
			s++;
		} else {
			buf_putc(&t, *s);
		}
	}
	buf_puts(&t, strchr(call, '('));
	put_call(b, buf_cstr(&t), vals);
	buf_free(&t);
}

static void
node_handler(const struct pctx *c, struct buf *b, const struct endpoint *e)
{
	const char *svc = svc_name[e->svc];
	char user[96], m[8];
	const char *req = e->auth == 2 ? "true" : "false";
	size_t i;

	for (i = 0; e->method[i] && i < sizeof(m) - 1; i++)
		m[i] = (char)(e->method[i] | 0x20);
	m[i] = '\0';
	if (strcmp(m, "delete") == 0 && fw_is(c, "koa"))
		snprintf(m, sizeof(m), "del");
	if (fw_is(c, "express")) {
		snprintf(user, sizeof(user), "await currentUser(req.headers.authorization, %s)", req);
		const char *v[6] = {"req.body", user, "req.params.slug", "req.params.username", "req.params.id", "req.query"};
		buf_printf(b, "\nrouter.%s('%s', wrap(async (req) => %sService.", m, e->path, svc);
		put_camel_call(b, e->call, v);
		buf_printf(b, ", %d));\n", e->code);
	} else if (fw_is(c, "fastify")) {
		snprintf(user, sizeof(user), "await currentUser(request.headers.authorization, %s)", req);
		const char *v[6] = {"request.body", user, "request.params.slug", "request.params.username",
				    "request.params.id", "request.query"};
		buf_printf(b, "\n  fastify.%s('%s', async (request, reply) => {\n    const result = await %sService.",
			   m, e->path, svc);
		put_camel_call(b, e->call, v);
		buf_printf(b, ";\n    return reply.code(%d).send(result);\n  });\n", e->code);
	} else if (fw_is(c, "hono")) {
		snprintf(user, sizeof(user), "await currentUser(c.req.header('Authorization'), %s)", req);
		const char *v[6] = {"await c.req.json()", user, "c.req.param('slug')", "c.req.param('username')",
				    "c.req.param('id')", "c.req.query()"};
		buf_printf(b, "\napp.%s('%s', async (c) => {\n  const result = await %sService.", m, e->path, svc);
		put_camel_call(b, e->call, v);
		buf_printf(b, ";\n  return c.json(result, %d);\n});\n", e->code);
	} else {
		snprintf(user, sizeof(user), "await currentUser(ctx.get('Authorization'), %s)", req);
		const char *v[6] = {"ctx.request.body", user, "ctx.params.slug", "ctx.params.username",
				    "ctx.params.id", "ctx.query"};
		buf_printf(b, "\nrouter.%s('%s', async (ctx) => {\n  ctx.body = await %sService.", m, e->path, svc);
		put_camel_call(b, e->call, v);
		buf_printf(b, ";\n  ctx.status = %d;\n});\n", e->code);
	}
}

static void
node_routes(const struct pctx *c, struct buf *b, int res)
{
	const struct endpoint *eps[GEN_NELEM(endpoints)];
	size_t n = endpoint_order(c, res, eps);
	bool used[4] = {false, false, false, false};

	for (size_t i = 0; i < n; i++)
		used[eps[i]->svc] = true;
	if (fw_is(c, "express"))
		buf_puts(b, "const express = require('express');\n");
	else if (fw_is(c, "hono"))
		buf_puts(b, "const { Hono } = require('hono');\n");
	else if (fw_is(c, "koa"))
		buf_puts(b, "const Router = require('@koa/router');\n");
	buf_printf(b, "const { currentUser } = require('%s');\n", c->arch ? "../middleware/auth" : "./auth");
	for (int s = 0; s < 4; s++) {
		if (!used[s])
			continue;
		if (c->flat_arch)
			buf_printf(b, "const %sModel = require('../models/%s');\n", svc_name[s],
				   s == S_PROFILE ? "user" : ent_name[s == S_USER ? 0 : s == S_ARTICLE ? 1 : 2]);
		else if (c->arch)
			buf_printf(b, "const { %sService } = require('../services/%sService');\n", svc_name[s], svc_name[s]);
	}
	if (!c->arch)
		buf_printf(b, "const { userService, articleService%s%s } = require('./logic');\n",
			   has_group(c, GG_PROFILES) ? ", profileService" : "",
			   has_group(c, GG_COMMENTS) ? ", commentService" : "");
	if (c->flat_arch)
		for (int s = 0; s < 4; s++)
			if (used[s])
				buf_printf(b, "const %sService = %sModel.service || {};\n", svc_name[s], svc_name[s]);
	buf_puts(b, "\n");
	if (fw_is(c, "express"))
		buf_puts(b, "const router = express.Router();\n\n"
			    "const wrap = (fn, status = 200) => async (req, res, next) => {\n"
			    "  try {\n    res.status(status).json(await fn(req));\n  } catch (err) {\n    next(err);\n  }\n};\n");
	else if (fw_is(c, "fastify"))
		buf_puts(b, "module.exports = async function routes(fastify) {");
	else if (fw_is(c, "hono"))
		buf_puts(b, "const app = new Hono();\n");
	else
		buf_puts(b, "const router = new Router();\n");
	for (size_t i = 0; i < n; i++)
		node_handler(c, b, eps[i]);
	if (fw_is(c, "fastify"))
		buf_puts(b, "};\n");
	else
		buf_printf(b, "\nmodule.exports = %s;\n", fw_is(c, "hono") ? "app" : "router");
}

static void
node_route_modules(const struct pctx *c, struct buf *b, const char *fmt)
{
	for (int r = 0; r < 5; r++) {
		if (!c->arch && r > 0)
			break;
		if (c->arch && !resource_present(c, r))
			continue;
		if (c->arch)
			buf_printf(b, fmt, res_name[r], "./routes/", res_name[r]);
		else
			buf_printf(b, fmt, "api", "./", "api");
	}
}

static void
node_index(const struct pctx *c, struct buf *b)
{
	const char *init = c->orm ? "  await sequelize.sync();\n" :
			   c->memory ? "" : "  await db.init(SCHEMA);\n";

	if (fw_is(c, "express"))
		buf_puts(b, "const express = require('express');\nconst morgan = require('morgan');\n");
	else if (fw_is(c, "fastify"))
		buf_puts(b, "const fastify = require('fastify')({ logger: true });\n");
	else if (fw_is(c, "hono"))
		buf_puts(b, "const { Hono } = require('hono');\nconst { logger } = require('hono/logger');\n"
			    "const { serve } = require('@hono/node-server');\n");
	else
		buf_puts(b, "const Koa = require('koa');\nconst Router = require('@koa/router');\n"
			    "const bodyParser = require('koa-bodyparser');\nconst logger = require('koa-logger');\n");
	buf_puts(b, "const config = require('./config');\n");
	if (c->orm)
		buf_printf(b, "const sequelize = require('./db');\n%s",
			   c->arch ? "require('./models/user');\nrequire('./models/article');\n" : "require('./schema');\n");
	else if (!c->memory)
		buf_printf(b, "const db = require('./db');\nconst { SCHEMA } = require('%s');\n",
			   c->arch ? "./models/user" : "./schema");
	node_route_modules(c, b, "const %sRoutes = require('%s%s');\n");
	buf_puts(b, "\n");
	if (fw_is(c, "express")) {
		buf_puts(b, "const app = express();\napp.use(express.json());\napp.use(morgan('dev'));\n\n"
			    "app.get('/api/health-check', (req, res) => res.json({ status: 'ok' }));\n");
		node_route_modules(c, b, "app.use('/api', %sRoutes);%.0s%.0s\n");
		buf_puts(b, "\n// eslint-disable-next-line no-unused-vars\napp.use((err, req, res, next) => {\n"
			    "  if (!err.status) console.error(err);\n"
			    "  res.status(err.status || 500).json({ errors: err.errors || { body: [err.message] } });\n});\n");
	} else if (fw_is(c, "fastify")) {
		buf_puts(b, "fastify.get('/api/health-check', async () => ({ status: 'ok' }));\n");
		node_route_modules(c, b, "fastify.register(%sRoutes, { prefix: '/api' });%.0s%.0s\n");
		buf_puts(b, "fastify.setErrorHandler((err, request, reply) => {\n"
			    "  reply.code(err.status || 500).send({ errors: err.errors || { body: [err.message] } });\n});\n");
	} else if (fw_is(c, "hono")) {
		buf_puts(b, "const app = new Hono();\napp.use('*', logger());\n\n"
			    "app.get('/api/health-check', (c) => c.json({ status: 'ok' }));\n");
		node_route_modules(c, b, "app.route('/api', %sRoutes);%.0s%.0s\n");
		buf_puts(b, "app.onError((err, c) => {\n  if (!err.status) console.error(err);\n"
			    "  return c.json({ errors: err.errors || { body: [err.message] } }, err.status || 500);\n});\n");
	} else {
		buf_puts(b, "const app = new Koa();\nconst api = new Router({ prefix: '/api' });\n\n"
			    "app.use(logger());\napp.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err) {\n"
			    "    if (!err.status) console.error(err);\n    ctx.status = err.status || 500;\n"
			    "    ctx.body = { errors: err.errors || { body: [err.message] } };\n  }\n});\napp.use(bodyParser());\n\n"
			    "api.get('/health-check', (ctx) => {\n  ctx.body = { status: 'ok' };\n});\n");
		node_route_modules(c, b, "api.use(%sRoutes.routes());%.0s%.0s\n");
		buf_puts(b, "app.use(api.routes()).use(api.allowedMethods());\n");
	}
	buf_printf(b, "\nasync function main() {\n%s", init);
	if (fw_is(c, "fastify"))
		buf_puts(b, "  await fastify.listen({ port: config.port, host: '0.0.0.0' });\n}\n");
	else if (fw_is(c, "hono"))
		buf_puts(b, "  serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' });\n"
			    "  console.log(`Conduit API listening on port ${config.port}`);\n}\n");
	else
		buf_puts(b, "  app.listen(config.port, '0.0.0.0', () => console.log(`Conduit API listening on port ${config.port}`));\n}\n");
	buf_puts(b, "\nmain().catch((err) => {\n  console.error(err);\n  process.exit(1);\n});\n\n"
		    "module.exports = { app };\n");
}

/* ------------------------------------------------------------ filler */

static const char PY_TEST[] =
	"\n\ndef test_$F_$I(client, auth_headers):\n"
	"    response = client.$M(\"/api$U\", json=$J, headers=auth_headers)\n"
	"    assert response.status_code in ($K, 404), response.text\n"
	"    if response.status_code == $K:\n"
	"        body = response.json()\n"
	"        assert isinstance(body, dict)\n"
	"        assert \"errors\" not in body\n";

static const char JS_TEST[] =
	"\ntest('$F #$I: $N $U answers $K', async () => {\n"
	"  const res = await request(server)\n"
	"    .$M('/api$U')\n"
	"    .set('Authorization', `Token ${token}`)\n"
	"    .send($J);\n"
	"  expect([$K, 404]).toContain(res.status);\n"
	"  if (res.status === $K) expect(res.body.errors).toBeUndefined();\n"
	"});\n";

static void
tests_file(const struct pctx *c, struct buf *b, size_t want, int part)
{
	static const char *const samples[] = {"how-to-train-your-dragon", "a-long-expedition",
					     "rust-for-web-apis", "notes-on-caching", "deploying-on-friday"};
	static const char *const users_[] = {"alice", "bob", "carol", "dmitri", "eve", "farah"};
	size_t start = b->len;
	unsigned k = (unsigned)part * 1000u;

	if (c->node)
		buf_puts(b, "const request = require('supertest');\nconst { app } = require('../src/index');\n\n"
			    "const server = app.callback ? app.callback() : app;\nlet token = '';\n\n"
			    "beforeAll(async () => {\n  const res = await request(server).post('/api/users')\n"
			    "    .send({ user: { email: 'tester@example.com', username: 'tester', password: 'secret' } });\n"
			    "  token = res.body.user ? res.body.user.token : '';\n});\n");
	else
		buf_printf(b, "import pytest\n\nfrom %s.main import %s\n\n\n@pytest.fixture\n"
			      "def client():\n    return make_client(%s)\n\n\n@pytest.fixture\n"
			      "def auth_headers(client):\n"
			      "    body = {\"user\": {\"email\": \"tester@example.com\", \"username\": \"tester\", \"password\": \"secret\"}}\n"
			      "    token = client.post(\"/api/users\", json=body).json()[\"user\"][\"token\"]\n"
			      "    return {\"Authorization\": f\"Token {token}\"}\n",
			   fw_is(c, "django") ? "conduit" : c->pkg, fw_is(c, "django") ? "wsgi as app" : "app", "app");
	while (b->len - start < want) {
		const struct endpoint *e = &endpoints[k % GEN_NELEM(endpoints)];
		char idx[16], url[128], code[8], m[8], json[160];
		const char *slug = samples[(k / 7) % GEN_NELEM(samples)];
		const char *who = users_[(k / 3) % GEN_NELEM(users_)];
		size_t i, o = 0;

		if (!has_group(c, e->group)) {
			k++;
			continue;
		}
		snprintf(idx, sizeof(idx), "%u", k);
		snprintf(code, sizeof(code), "%d", e->code);
		for (i = 0; e->method[i] && i < sizeof(m) - 1; i++)
			m[i] = (char)(e->method[i] | 0x20);
		m[i] = '\0';
		if (c->node && strcmp(m, "delete") == 0)
			snprintf(m, sizeof(m), "delete");
		for (const char *s = e->path; *s && o < sizeof(url) - 40; s++) {
			if (*s == ':') {
				size_t n = strcspn(s + 1, "/");
				o += (size_t)snprintf(url + o, sizeof(url) - o, "%s",
						      s[1] == 's' ? slug : s[1] == 'u' ? who : "1");
				s += n;
			} else {
				url[o++] = *s;
			}
		}
		url[o] = '\0';
		if (strstr(e->call, "{body}"))
			snprintf(json, sizeof(json), c->node ?
				 "{ article: { title: '%s', description: 'case %u', body: 'text', tagList: ['t%u'] } }" :
				 "{\"article\": {\"title\": \"%s\", \"description\": \"case %u\", \"body\": \"text\", \"tagList\": [\"t%u\"]}}",
				 slug, k, k % 13);
		else
			snprintf(json, sizeof(json), "%s", c->node ? "{}" : "None");
		struct gen_subst subs[] = {
			{'F', e->fn}, {'I', idx}, {'M', m}, {'U', url}, {'J', json}, {'K', code}, {'N', e->method},
		};
		gen_expand(b, c->node ? JS_TEST : PY_TEST, subs, GEN_NELEM(subs));
		k++;
	}
}

static void
readme(const struct pctx *c, struct buf *b)
{
	buf_printf(b, "# Conduit API (%s)\n\nA RealWorld \"Conduit\" backend.\n\n## Run\n\n```bash\n%s\nchmod +x run.sh\n./run.sh\n```\n\n"
		      "The server listens on port %d; every route is under `/api`.\n\n## Layout\n\n",
		   task_framework_display(c->fw),
		   c->node ? "npm install" : "uv pip install --system -r requirements.txt", c->t->port);
	for (size_t i = 0; i < c->n; i++)
		if (c->files[i].kind != F_EMPTY && c->files[i].kind != F_TESTS)
			buf_printf(b, "- `%s`\n", c->files[i].path);
	buf_puts(b, "\n## Tests\n\n");
	buf_puts(b, c->node ? "`npm test` runs the supertest suite in `tests/`.\n" :
			      "`pytest` runs the API tests in `tests/`.\n");
}

/* ------------------------------------------------------------ emitting */

static void
file_content(const struct pctx *c, const struct pfile *f, struct buf *b)
{
	struct gen_rng r;
	gen_rng_init(&r, gen_hash_str(c->a->key, f->path));

	switch (f->kind) {
	case F_REQS: py_requirements(c, b); break;
	case F_PKG: node_package(c, b); break;
	case F_RUNSH: runsh(c, b); break;
	case F_EMPTY: break;
	case F_MAIN: c->node ? node_index(c, b) : py_main(c, b); break;
	case F_CONFIG: c->node ? node_config(c, b, &r) : py_config(c, b, &r); break;
	case F_DB: c->node ? node_db(c, b) : py_db(c, b); break;
	case F_MODEL: c->node ? node_models(c, b, f->which) : py_models(c, b, f->which); break;
	case F_REPO: c->node ? node_repos(c, b, f->which) : py_repos(c, b, f->which); break;
	case F_SERVICE: c->node ? node_services(c, b, f->which) : py_services(c, b, f->which); break;
	case F_ROUTES: c->node ? node_routes(c, b, f->which) : py_routes(c, b, f->which); break;
	case F_AUTH: c->node ? node_auth(c, b) : py_security(c, b); break;
	case F_ERRORS: c->node ? node_errors(b) : py_errors(b); break;
	case F_TESTS: tests_file(c, b, (size_t)f->which, f->part); break;
	case F_README: readme(c, b); break;
	case F_GITIGNORE: buf_puts(b, "node_modules/\n*.db\n*.sqlite\n.env\ncoverage/\n"); break;
	case F_SETTINGS: django_settings(c, b, &r); break;
	case F_URLS: django_urls(c, b); break;
	case F_MANAGE: django_manage(b); break;
	}
}

/* One file as git prints a new (sign '+') or deleted (sign '-') file. */
static void
diff_file(struct buf *out, const char *path, const struct buf *content, bool exec, char sign,
	  struct gen_rng *r)
{
	char hex[8];
	size_t lines = 0;
	const char *p = content->data, *end = content->data + content->len;

	gen_rng_hex(r, hex, 7);
	buf_printf(out, "diff --git a/%s b/%s\n", path, path);
	if (sign == '+')
		buf_printf(out, "new file mode %s\nindex 0000000..%s\n", exec ? "100755" : "100644",
			   content->len ? hex : "e69de29");
	else
		buf_printf(out, "deleted file mode 100644\nindex %s..0000000\n", content->len ? hex : "e69de29");
	if (content->len == 0)
		return;
	for (const char *q = p; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++)
		lines++;
	if (sign == '+')
		buf_printf(out, "--- /dev/null\n+++ b/%s\n@@ -0,0 +1", path);
	else
		buf_printf(out, "--- a/%s\n+++ /dev/null\n@@ -1", path);
	if (lines != 1)
		buf_printf(out, ",%zu", lines);
	buf_puts(out, sign == '+' ? " @@\n" : " +0,0 @@\n");
	buf_reserve(out, content->len + lines + 1);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		out->data[out->len++] = sign;
		memcpy(out->data + out->len, p, n);
		out->len += n;
		p += n;
	}
	out->data[out->len] = '\0';
}

size_t
gen_patch_files(const struct gen_attempt *a, const char **names, size_t max)
{
	static struct pctx c; /* the names point into it until the next call */
	size_t n = 0;

	ctx_init(&c, a);
	plan(&c);
	for (size_t i = 0; i < c.n && n < max; i++)
		if (c.files[i].kind != F_EMPTY && c.files[i].kind != F_README && c.files[i].kind != F_GITIGNORE)
			names[n++] = c.files[i].path;
	return n;
}

static void
feature_patch(const struct gen_attempt *a, struct buf *out);

void
gen_patch_write(const struct gen_attempt *a, struct buf *out)
{
	struct pctx *c;
	struct buf content;
	struct gen_rng r;
	size_t start = out->len, target = a->patch_target;

	if (a->patch != GP_NORMAL)
		return;
	if (a->task->kind == TASK_FEATURE) {
		feature_patch(a, out);
		return;
	}
	c = xmalloc(sizeof(*c));
	ctx_init(c, a);
	plan(c);
	gen_attempt_rng(a, "patch", &r);
	buf_init(&content);
	for (size_t i = 0; i < c->n; i++) {
		buf_reset(&content);
		file_content(c, &c->files[i], &content);
		diff_file(out, c->files[i].path, &content, c->files[i].kind == F_RUNSH && (a->key & 2), '+', &r);
	}
	/* tests make up the rest of the wanted size, in files of ~24 KB */
	for (int part = 1; out->len - start + 600 < target; part++) {
		struct pfile f = {.kind = F_TESTS, .part = part};
		size_t want = target - (out->len - start);
		want = want > 24576 ? 24576 : want;
		f.which = (int)want;
		snprintf(f.path, sizeof(f.path), c->node ? "tests/api%s%.0d.test.js" : "tests/test_api%s%.0d.py",
			 part > 1 ? "_" : "", part > 1 ? part : 0);
		buf_reset(&content);
		file_content(c, &f, &content);
		diff_file(out, f.path, &content, false, '+', &r);
	}
	buf_free(&content);
	free(c);
}

/* ------------------------------------------------------------ feature tasks */

struct feature_layout {
	const char *folder;
	const char *dir;      /* where a group's code lives: %s = group */
	const char *router;   /* the file that registers the routes */
	const char *ctx[4];   /* context lines around the registration */
	const char *add;      /* registration line, %s = group */
};

static const struct feature_layout layouts[] = {
	{"aiohttp", "conduit/api/%s/endpoints.py", "conduit/api/routes.py",
	 {"def setup_routes(app: web.Application) -> None:", "    app.router.add_routes(users.routes)",
	  "    app.router.add_routes(auth.routes)", "    app.router.add_get(\"/api/v1/healthcheck\", healthcheck)"},
	 "    app.router.add_routes(%s.routes)"},
	{"express", "src/routes/%s/%s.controller.ts", "src/routes/routes.ts",
	 {"const api = Router()", "  .use(authController)", "  .use(userController)", "export default Router().use('/api', api);"},
	 "  .use(%sController)"},
	{"fastapi", "conduit/api/routes/%s.py", "conduit/api/router.py",
	 {"router = APIRouter()", "router.include_router(authentication.router, prefix=\"/users\")",
	  "router.include_router(users.router, prefix=\"/user\")", "router.include_router(health_check.router)"},
	 "router.include_router(%s.router)"},
	{"flask", "realworld/api/routes/v1/%s/routes.py", "realworld/app.py",
	 {"def register_blueprints(app: Flask) -> None:", "    app.register_blueprint(users_blueprint)",
	  "    app.register_blueprint(auth_blueprint)", "    app.register_blueprint(ping_blueprint)"},
	 "    app.register_blueprint(%s_blueprint)"},
	{"honojs", "src/routes/%s.ts", "src/index.ts",
	 {"const api = new Hono()", "api.route('/users', users)", "api.route('/user', user)",
	  "export default app"},
	 "api.route('/%s', %s)"},
};

static const struct feature_layout *
layout_for(const struct gen_task *t)
{
	for (size_t i = 0; i < GEN_NELEM(layouts); i++)
		if (strcmp(layouts[i].folder, t->folder) == 0)
			return &layouts[i];
	return &layouts[0];
}

/* The resources a feature task is about. */
static size_t
feature_resources(unsigned groups, int *res)
{
	size_t n = 0;
	if (groups & GG_ARTICLES)
		res[n++] = R_ARTICLES;
	if (groups & GG_COMMENTS)
		res[n++] = R_COMMENTS;
	if (groups & GG_PROFILES)
		res[n++] = R_PROFILES;
	if (groups & GG_TAGS)
		res[n++] = R_TAGS;
	return n;
}

static void
feature_files(const struct gen_attempt *a, struct buf *out, char sign)
{
	const struct feature_layout *l = layout_for(a->task);
	struct pctx c;
	struct buf content;
	struct gen_rng r;
	int res[4];
	size_t n;
	unsigned groups = a->task->removed_groups & ~a->missing;

	ctx_init(&c, a);
	c.arch = true;
	c.groups |= a->task->removed_groups; /* the handlers of every endpoint exist */
	gen_attempt_rng(a, "patch", &r);
	buf_init(&content);
	n = feature_resources(sign == '-' ? a->task->removed_groups : groups, res);
	for (size_t i = 0; i < n; i++) {
		char path[128];
		buf_reset(&content);
		if (c.node)
			node_routes(&c, &content, res[i]);
		else
			py_routes(&c, &content, res[i]);
		snprintf(path, sizeof(path), l->dir, res_name[res[i]], res_name[res[i]]);
		diff_file(out, path, &content, false, sign, &r);
	}
	if (sign == '+' && n > 0) {
		char hex1[8], hex2[8];
		gen_rng_hex(&r, hex1, 7);
		gen_rng_hex(&r, hex2, 7);
		buf_printf(out, "diff --git a/%s b/%s\nindex %s..%s 100644\n--- a/%s\n+++ b/%s\n"
			      "@@ -%d,3 +%d,%zu @@\n %s\n %s\n %s\n",
			   l->router, l->router, hex1, hex2, l->router, l->router, 12 + (int)(a->key % 20),
			   12 + (int)(a->key % 20), 3 + n, l->ctx[0], l->ctx[1], l->ctx[2]);
		for (size_t i = 0; i < n; i++) {
			buf_putc(out, '+');
			buf_printf(out, l->add, res_name[res[i]], res_name[res[i]]);
			buf_putc(out, '\n');
		}
	}
	buf_free(&content);
}

static void
feature_patch(const struct gen_attempt *a, struct buf *out)
{
	feature_files(a, out, '+');
}

void
gen_patch_feature_removal(const struct gen_task *t, uint64_t seed, struct buf *out)
{
	struct gen_run run;
	struct gen_attempt a;

	memset(&a, 0, sizeof(a));
	gen_run_init(&run, "upstream", t->folder, 1.0, seed);
	a.run = &run;
	a.task = t;
	a.key = gen_hash_str(seed, t->name);
	a.patch = GP_NORMAL;
	feature_files(&a, out, '-');
}
