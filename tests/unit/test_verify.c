/* The static verifiers against upstream-format.md section 5 and the rules
 * of upstream's verifiers.py: every evidence label both ways, the reason
 * strings, both architecture checks, patches of every shape, the evidence
 * rows, and the real feature-task patches of ../shared when present. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/attempt.h"
#include "benchtop/util.h"
#include "benchtop/verify.h"
#include "tap.h"

/* Parse a copy held in a buffer of exactly `len` bytes with no NUL after
 * it, so that ASan reports any read past the end; the copy is freed at
 * once, so the parsed patch must not point into it either. */
static struct verify_patch *
parse_exact(const char *data, size_t len)
{
	char *copy = xmalloc(len ? len : 1);
	struct verify_patch *p;

	memcpy(copy, data, len);
	p = verify_patch_parse(copy, len);
	free(copy);
	return p;
}

/* A patch creating one file whose lines are `added` ('\n'-separated). */
static void
put_new_file(struct buf *b, const char *path, const char *added)
{
	const char *s = added;

	buf_printf(b, "diff --git a/%s b/%s\nnew file mode 100644\nindex 0000000..e69de29\n", path,
		   path);
	buf_printf(b, "--- /dev/null\n+++ b/%s\n@@ -0,0 +1,9 @@\n", path);
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		buf_putc(b, '+');
		buf_append(b, s, len);
		buf_putc(b, '\n');
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* A patch from NULL-terminated (path, added text) pairs. */
static char *
patch_of(const char *const *pairs)
{
	struct buf b;

	buf_init(&b);
	for (; pairs[0]; pairs += 2)
		put_new_file(&b, pairs[0], pairs[1]);
	return buf_steal(&b);
}

enum which { ARCH, DB, ORM };

static void
run(const struct verify_patch *p, enum which w, const char *expected, struct verify_result *r,
    struct evidence_list *ev)
{
	if (w == ARCH)
		verify_architecture(p, r, ev);
	else if (w == DB)
		verify_database(p, expected, r, ev);
	else
		verify_orm(p, expected, r, ev);
}

static int
verdict_is(const struct verify_result *r, int ok, const char *reason, const char *name)
{
	int good = r->reason && strcmp(r->reason, reason) == 0 && r->ok == ok;

	if (!tap_ok(good, "%s", name))
		tap_diag("  got  %s '%s'\n#   want %s '%s'", r->ok ? "ok" : "not ok",
			 r->reason ? r->reason : "(null)", ok ? "ok" : "not ok", reason);
	return good;
}

static void
check_len(const char *patch, size_t len, enum which w, const char *expected, int ok,
	  const char *reason, const char *name)
{
	struct verify_patch *p = parse_exact(patch, len);
	struct verify_result r;

	run(p, w, expected, &r, NULL);
	verdict_is(&r, ok, reason, name);
	free(r.reason);
	verify_patch_free(p);
}

static void
check(const char *patch, enum which w, const char *expected, int ok, const char *reason,
      const char *name)
{
	check_len(patch, strlen(patch), w, expected, ok, reason, name);
}

/* The added text as one new file, checked by the DB or ORM verifier. */
static void
check_text(const char *text, enum which w, const char *expected, int ok, const char *reason,
	   const char *name)
{
	struct buf b;

	buf_init(&b);
	put_new_file(&b, "src/app/config.py", text);
	check(buf_cstr(&b), w, expected, ok, reason, name);
	buf_free(&b);
}

static const struct evidence *
find_evidence(const struct evidence_list *ev, const char *label, const char *file)
{
	for (size_t i = 0; i < ev->n; i++)
		if (strcmp(ev->v[i].label, label) == 0 && (!file || strcmp(ev->v[i].file, file) == 0))
			return &ev->v[i];
	return NULL;
}

static void
evidence_is(const struct evidence_list *ev, const char *label, const char *file, int line,
	    const char *detail, const char *name)
{
	const struct evidence *e = find_evidence(ev, label, file);

	if (!tap_ok(e && e->line == line && strcmp(e->detail, detail) == 0, "%s", name)) {
		if (e)
			tap_diag("  got %s:%d '%s', want line %d '%s'", e->file, e->line, e->detail,
				 line, detail);
		else
			tap_diag("  no '%s' row for %s", label, file ? file : "any file");
	}
}

struct text_case {
	enum which w;
	const char *expected;
	const char *text;
	int ok;
	const char *reason;
	const char *name;
};

/* Each label on its own (positive) and near misses (negative). */
static const struct text_case label_cases[] = {
	{DB, "sqlite", "import sqlite3", 1, "Found sqlite evidence: import:sqlite3",
	 "import:sqlite3 from 'import sqlite3'"},
	{DB, "sqlite", "from sqlite3 import connect", 1, "Found sqlite evidence: import:sqlite3",
	 "import:sqlite3 from 'from sqlite3 import'"},
	{DB, "sqlite", "x = 1;\timport sqlite3", 1, "Found sqlite evidence: import:sqlite3",
	 "import:sqlite3 after whitespace mid-line"},
	{DB, "sqlite", "Import sqlite3", 0, "No sqlite evidence found", "import:sqlite3 is case-sensitive"},
	{DB, "sqlite", "reimport sqlite3", 0, "No sqlite evidence found",
	 "import:sqlite3 needs line start or whitespace before import"},
	{DB, "sqlite", "import aiosqlite", 1, "Found sqlite evidence: import:aiosqlite",
	 "import:aiosqlite"},
	{DB, "sqlite", "from aiosqlite import connect", 1, "Found sqlite evidence: import:aiosqlite",
	 "import:aiosqlite from 'from aiosqlite import'"},
	{DB, "sqlite", "FROM aiosqlite IMPORT connect", 0, "No sqlite evidence found",
	 "import:aiosqlite is case-sensitive"},
	{DB, "sqlite", "url = 'SQLITE+pysqlcipher:///x.db'", 1, "Found sqlite evidence: connstr:sqlite",
	 "connstr:sqlite with +driver, case-insensitive"},
	{DB, "sqlite", "url = 'sqlite:///x.db'", 1,
	 "Found sqlite evidence: connstr:sqlite, rust:connstr-sqlite",
	 "sqlite:/// is also rust:connstr-sqlite (upstream's Rust pattern)"},
	{DB, "sqlite", "url = 'sqlite+:///x.db'", 0, "No sqlite evidence found",
	 "connstr:sqlite needs a driver name after +"},
	{DB, "sqlite", "'ENGINE': 'DJANGO.DB.BACKENDS.SQLITE3',", 1,
	 "Found sqlite evidence: django:sqlite", "django:sqlite, case-insensitive"},
	{DB, "sqlite", "\"sqlite3\": \"^5.1.7\",", 1, "Found sqlite evidence: dep:sqlite3-npm",
	 "dep:sqlite3-npm"},
	{DB, "sqlite", "driver = 'SQLite3'", 1, "Found sqlite evidence: dep:sqlite3-npm",
	 "dep:sqlite3-npm is case-insensitive"},
	{DB, "sqlite", "npm install sqlite3", 0, "No sqlite evidence found",
	 "dep:sqlite3-npm needs quotes"},
	{DB, "sqlite", "\"better-sqlite3\": \"^9.4.0\",", 1, "Found sqlite evidence: dep:better-sqlite3",
	 "dep:better-sqlite3"},
	{DB, "sqlite", "dialect: 'sqlite',", 1, "Found sqlite evidence: dialect:sqlite",
	 "dialect:sqlite"},
	{DB, "sqlite", "DIALECT  =  \"SQLite\"", 1, "Found sqlite evidence: dialect:sqlite",
	 "dialect:sqlite with = and spaces, case-insensitive"},
	{DB, "sqlite", "dialect: sqlite", 0, "No sqlite evidence found",
	 "dialect:sqlite needs a quoted value"},
	{DB, "sqlite", "import _ \"gorm.io/driver/sqlite\"", 1, "Found sqlite evidence: go:gorm-sqlite",
	 "go:gorm-sqlite"},
	{DB, "sqlite", "_ \"github.com/mattn/go-sqlite3\"", 1,
	 "Found sqlite evidence: go:mattn-sqlite3", "go:mattn-sqlite3"},
	{DB, "sqlite", "rusqlite = \"0.31\"", 1, "Found sqlite evidence: rust:rusqlite", "rust:rusqlite"},
	{DB, "sqlite", "myrusqlite = 1", 0, "No sqlite evidence found",
	 "rust:rusqlite needs a word boundary"},
	{DB, "sqlite", "const database = process.env.DB || 'sqlite';", 1,
	 "Found sqlite evidence: rust:sqlx-sqlite",
	 "rust:sqlx-sqlite: 'database' then quoted sqlite on one line"},
	{DB, "sqlite", "let pool = SqlitePool::connect(url)", 1,
	 "Found sqlite evidence: rust:sqlx-sqlite", "rust:sqlx-sqlite from SqlitePool"},
	{DB, "sqlite", "'sqlite' is the default database", 0, "No sqlite evidence found",
	 "rust:sqlx-sqlite needs the keyword first"},
	{DB, "sqlite", "database = 1\nname = 'sqlite'", 0, "No sqlite evidence found",
	 "rust:sqlx-sqlite needs both on the same line"},
	{DB, "sqlite", "diesel with the sqlite backend", 1,
	 "Found sqlite evidence: rust:diesel-sqlite", "rust:diesel-sqlite"},
	{DB, "sqlite", "diesel with sqlite3", 0, "No sqlite evidence found",
	 "rust:diesel-sqlite needs sqlite as a word"},
	{DB, "sqlite", "url = 'sqlite://memory'", 1, "Found sqlite evidence: rust:connstr-sqlite",
	 "rust:connstr-sqlite"},

	{DB, "postgres", "psycopg2-binary==2.9.9", 1, "Found postgres evidence: import:psycopg2",
	 "import:psycopg2 is the bare name anywhere"},
	{DB, "postgres", "# uses Psycopg2", 0, "No postgres evidence found",
	 "import:psycopg2 is case-sensitive"},
	{DB, "postgres", "import asyncpg", 1, "Found postgres evidence: import:asyncpg",
	 "import:asyncpg"},
	{DB, "postgres", "from asyncpg import Pool", 1, "Found postgres evidence: import:asyncpg",
	 "import:asyncpg from 'from asyncpg import'"},
	{DB, "postgres", "asyncpg==0.29.0", 0, "No postgres evidence found",
	 "import:asyncpg needs an import statement"},
	{DB, "postgres", "url = 'postgresql+asyncpg://u:p@db/app'", 1,
	 "Found postgres evidence: connstr:postgresql", "connstr:postgresql with +driver"},
	{DB, "postgres", "URL = 'POSTGRES://x'", 1, "Found postgres evidence: connstr:postgresql",
	 "connstr:postgresql, case-insensitive"},
	{DB, "postgres", "url = 'postgresql:/x'", 0, "No postgres evidence found",
	 "connstr:postgresql needs ://"},
	{DB, "postgres", "from sqlalchemy.dialects.postgresql import UUID", 1,
	 "Found postgres evidence: dialect-import:pg", "dialect-import:pg"},
	{DB, "postgres", "'ENGINE': 'django.db.backends.postgresql',", 1,
	 "Found postgres evidence: django:postgres", "django:postgres"},
	{DB, "postgres", "\"pg\": \"^8.11.3\",", 1, "Found postgres evidence: dep:pg-npm", "dep:pg-npm"},
	{DB, "postgres", "\"PG\": \"^8.11.3\",", 0, "No postgres evidence found",
	 "dep:pg-npm is case-sensitive"},
	{DB, "postgres", "\"pg-promise\": \"^11.5.4\",", 1, "Found postgres evidence: dep:pg-promise",
	 "dep:pg-promise"},
	{DB, "postgres", "dialect: 'postgres',", 1, "Found postgres evidence: dialect:postgres",
	 "dialect:postgres"},
	{DB, "postgres", "dialect = \"PostgreSQL\"", 1, "Found postgres evidence: dialect:postgres",
	 "dialect:postgres with postgresql, case-insensitive"},
	{DB, "postgres", "dialect: 'postgresx'", 0, "No postgres evidence found",
	 "dialect:postgres needs the closing quote"},
	{DB, "postgres", "host: 'postgres',", 1, "Found postgres evidence: host:postgres",
	 "host:postgres"},
	{DB, "postgres", "localhost = 'postgres'", 1, "Found postgres evidence: host:postgres",
	 "host:postgres has no word boundary (localhost counts)"},
	{DB, "postgres", "host: 'db'", 0, "No postgres evidence found", "host:postgres needs postgres"},
	{DB, "postgres", "import _ \"gorm.io/driver/postgres\"", 1,
	 "Found postgres evidence: go:gorm-postgres", "go:gorm-postgres"},
	{DB, "postgres", "_ \"github.com/lib/pq\"", 1, "Found postgres evidence: go:lib-pq", "go:lib-pq"},
	{DB, "postgres", "mylib/pq", 0, "No postgres evidence found", "go:lib-pq needs a word boundary"},
	{DB, "postgres", "database: process.env.DB_NAME || 'postgres',", 1,
	 "Found postgres evidence: rust:sqlx-postgres",
	 "rust:sqlx-postgres matches a Sequelize config line"},
	{DB, "postgres", "let pool = PgPool::connect(url)", 1,
	 "Found postgres evidence: rust:sqlx-postgres", "rust:sqlx-postgres from PgPool"},
	{DB, "postgres", "diesel = \"2\" # pg", 1, "Found postgres evidence: rust:diesel-pg",
	 "rust:diesel-pg"},
	{DB, "postgres", "diesel pgx", 0, "No postgres evidence found",
	 "rust:diesel-pg needs pg as a word"},

	/* Python's \s, \w and re.I are Unicode-aware */
	{DB, "sqlite", "import\xc2\xa0sqlite3", 1, "Found sqlite evidence: import:sqlite3",
	 "\\s matches U+00A0 (no-break space)"},
	{DB, "sqlite", "url = '\xc5\xbfqlite:///x'", 1,
	 "Found sqlite evidence: connstr:sqlite, rust:connstr-sqlite",
	 "re.I lets U+017F (long s) match s"},
	{DB, "sqlite", "\xe4\xbd\xbfrusqlite", 0, "No sqlite evidence found",
	 "\\b: a CJK letter before rusqlite is a word character"},
	{DB, "sqlite", "\xe2\x80\x94rusqlite", 1, "Found sqlite evidence: rust:rusqlite",
	 "\\b: an em dash before rusqlite is not a word character"},

	{ORM, "sqlalchemy", "from sqlalchemy.orm import Session", 1,
	 "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy", "import:sqlalchemy from ."},
	{ORM, "sqlalchemy", "import sqlalchemy as sa", 1,
	 "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy", "import:sqlalchemy"},
	{ORM, "sqlalchemy", "from sqlalchemy import Column", 1,
	 "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy",
	 "import:sqlalchemy from 'from sqlalchemy import'"},
	{ORM, "sqlalchemy", "from SQLAlchemy import x", 1, "Found sqlalchemy evidence: dep:sqlalchemy",
	 "import:sqlalchemy is case-sensitive, dep:sqlalchemy is not"},
	{ORM, "sqlalchemy", "Flask-SQLAlchemy==3.1.1", 1, "Found sqlalchemy evidence: dep:sqlalchemy",
	 "dep:sqlalchemy counts Flask-SQLAlchemy"},
	{ORM, "sqlalchemy", "# from sqlalchemy.exc import X", 1,
	 "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy",
	 "import:sqlalchemy 'from sqlalchemy.' is not anchored: a comment counts"},
	{ORM, "sqlalchemy", "orm = 'peewee'", 0, "No sqlalchemy evidence found", "no sqlalchemy"},
	{ORM, "sequelize", "const { Sequelize } = require('sequelize');", 1,
	 "Found sequelize evidence: import:sequelize", "import:sequelize"},
	{ORM, "sequelize", "const S = REQUIRE( \"Sequelize\" )", 1,
	 "Found sequelize evidence: import:sequelize", "import:sequelize is case-insensitive"},
	{ORM, "sequelize", "import { Sequelize } from 'sequelize';", 1,
	 "Found sequelize evidence: esm:sequelize", "esm:sequelize"},
	{ORM, "sequelize", "\"sequelize\": \"^6.37.1\",", 1, "Found sequelize evidence: dep:sequelize",
	 "dep:sequelize"},
	{ORM, "sequelize", "const db = new Sequelize(process.env.DB_URL)", 1,
	 "Found sequelize evidence: usage:sequelize", "usage:sequelize"},
	{ORM, "sequelize", "const db = new sequelize.Sequelize(url)", 0,
	 "No sequelize evidence found", "usage:sequelize needs new Sequelize("},
	{ORM, "sequelize", "npx sequelize-cli init", 0, "No sequelize evidence found",
	 "a bare sequelize is no evidence"},
	{ORM, "gorm", "import \"gorm.io/gorm\"", 1, "Found gorm evidence: import:gorm", "import:gorm"},
	{ORM, "seaorm", "use sea_orm::Database;", 1, "Found seaorm evidence: import:sea_orm",
	 "import:sea_orm"},
	{ORM, "seaorm", "sea-orm = \"0.12\"", 1, "Found seaorm evidence: dep:sea-orm", "dep:sea-orm"},

	/* reasons */
	{DB, "postgres",
	 "import psycopg2\nDATABASE_URL = 'postgresql://u@h/db'\nTEST_URL = 'sqlite+pysqlcipher:///t.db'",
	 0, "Found postgres evidence: import:psycopg2, connstr:postgresql; Also found sqlite evidence: "
	    "connstr:sqlite",
	 "spec example 1 reproduced"},
	{DB, "sqlite", "print('hello')", 0, "No sqlite evidence found", "spec example 2 reproduced"},
	{DB, "sqlite", "dialect: 'sqlite'\n\"pg\": \"8\"", 0,
	 "Found sqlite evidence: dialect:sqlite; Also found postgres evidence: dep:pg-npm",
	 "the other DB's evidence fails the check"},
	{DB, "postgres", "import sqlite3", 0,
	 "No postgres evidence found; Also found sqlite evidence: import:sqlite3",
	 "no expected evidence but the other DB's"},
	{DB, "postgres", "psycopg2\nhost: 'postgres'\nimport asyncpg", 1,
	 "Found postgres evidence: import:psycopg2, import:asyncpg, host:postgres",
	 "labels in upstream's order, not the text's"},
	{DB, "mysql", "import sqlite3", 0,
	 "Unknown expected_db: 'mysql' (must be 'sqlite' or 'postgres')", "unknown expected DB"},
	{DB, "PostgreSQL", "import sqlite3", 0,
	 "Unknown expected_db: 'postgresql' (must be 'sqlite' or 'postgres')",
	 "the expected DB is lowercased before the check"},
	{DB, "SQLite", "import sqlite3", 1, "Found sqlite evidence: import:sqlite3",
	 "expected DB is case-insensitive"},
	{DB, "o'k", "x", 0, "Unknown expected_db: \"o'k\" (must be 'sqlite' or 'postgres')",
	 "unknown value shown as Python's repr()"},
	{ORM, "prisma", "x", 0,
	 "Unknown expected_orm: 'prisma' (must be one of gorm, seaorm, sequelize, sqlalchemy)",
	 "unknown expected ORM (upstream's wording)"},
	{ORM, "SQLAlchemy", "import sqlalchemy", 1,
	 "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy",
	 "expected ORM is case-insensitive"},

	/* the Django exception, both ways */
	{DB, "postgres",
	 "'ENGINE': 'django.db.backends.sqlite3',\n'ENGINE': 'django.db.backends.postgresql',", 1,
	 "Found postgres evidence: django:postgres",
	 "Django: a lone django:sqlite is dropped when postgres is expected"},
	{DB, "sqlite",
	 "'ENGINE': 'django.db.backends.sqlite3',\n'ENGINE': 'django.db.backends.postgresql',", 1,
	 "Found sqlite evidence: django:sqlite",
	 "Django: a lone django:postgres is dropped when sqlite is expected"},
	{DB, "postgres",
	 "import sqlite3\n'ENGINE': 'django.db.backends.sqlite3',\n"
	 "'ENGINE': 'django.db.backends.postgresql',",
	 0,
	 "Found postgres evidence: django:postgres; Also found sqlite evidence: import:sqlite3, "
	 "django:sqlite",
	 "Django: not dropped when there is other sqlite evidence"},
	{DB, "postgres", "'ENGINE': 'django.db.backends.sqlite3',", 0,
	 "No postgres evidence found; Also found sqlite evidence: django:sqlite",
	 "Django: not dropped without postgres evidence"},
};

static void
test_labels(void)
{
	for (size_t i = 0; i < sizeof(label_cases) / sizeof(label_cases[0]); i++) {
		const struct text_case *c = &label_cases[i];

		check_text(c->text, c->w, c->expected, c->ok, c->reason, c->name);
	}
}

/* The text the checks read: '+' lines only, headers of every kind. */
static void
test_added_text(void)
{
	char *p;

	check("diff --git a/src/db.py b/src/db.py\n--- a/src/db.py\n+++ b/src/db.py\n"
	      "@@ -1,3 +1,3 @@\n import sqlite3\n-import sqlite3\n+x = 1\n",
	      DB, "sqlite", 0, "No sqlite evidence found", "context and removed lines are ignored");
	check("diff --git a/src/db.py b/src/db.py\n+++import sqlite3\n", DB, "sqlite", 0,
	      "No sqlite evidence found", "a '+++' line is a header, even as an added line");
	check("+import sqlite3\ndiff --git a/src/db.py b/src/db.py\n", DB, "sqlite", 0,
	      "No sqlite evidence found", "lines before the first header belong to no file");
	check("diff --git a/src/a.py b/src/a.py\n+import\ndiff --git a/src/b.py b/src/b.py\n+sqlite3\n",
	      DB, "sqlite", 1, "Found sqlite evidence: import:sqlite3",
	      "files are joined with a newline, which \\s+ crosses");
	check("diff --git a/src/a.py b/src/a.py\n+from sqlite3\n+   import connect\n", DB, "sqlite", 1,
	      "Found sqlite evidence: import:sqlite3", "\\s+ crosses lines inside a file");
	/* the last section of a path wins, in the place of the first */
	check("diff --git a/src/a.py b/src/a.py\n+import sqlite3\n"
	      "diff --git a/src/b.py b/src/b.py\n+dialect: 'postgres'\n"
	      "diff --git a/src/a.py b/src/a.py\n+x = 1\n",
	      DB, "sqlite", 0, "No sqlite evidence found; Also found postgres evidence: dialect:postgres",
	      "a path seen twice keeps only its last text (upstream's dict)");

	/* lock files: skipped for DB and ORM by base name, counted for layers */
	p = patch_of((const char *const[]){
		"package-lock.json", "\"node_modules/pg\": {\n\"pg\": \"^8\",\n\"sequelize\": \"^6\",",
		"server/yarn.lock", "\"pg\": \"8\"",
		"app/routes/pnpm-lock.yaml", "'pg': 8",
		"src/db.js", "module.exports = { dialect: 'sqlite' };",
		NULL});
	check(p, DB, "sqlite", 1, "Found sqlite evidence: dialect:sqlite",
	      "lock files are left out of the DB text");
	check(p, ORM, "sequelize", 0, "No sequelize evidence found",
	      "lock files are left out of the ORM text");
	check(p, ARCH, NULL, 0,
	      "Only 1/4 layers (need >= 3), missing: models, repositories, services; "
	      "No dependency violations",
	      "lock files still count as touched files");
	free(p);
	p = patch_of((const char *const[]){
		"package-lock.json.orig", "\"pg\": \"^8\",",
		"src/db.js", "module.exports = { dialect: 'sqlite' };",
		NULL});
	check(p, DB, "sqlite", 0,
	      "Found sqlite evidence: dialect:sqlite; Also found postgres evidence: dep:pg-npm",
	      "only the exact lock-file names are skipped");
	free(p);
}

static void
test_architecture(void)
{
	char *p;

	p = patch_of((const char *const[]){
		"app/routes/articles.py", "from app.services.articles import list_articles",
		"app/services/articles.py",
		"from app.repositories.articles import ArticleRepo\nfrom app.models.article import Article",
		"app/repositories/articles.py", "from app.models.article import Article",
		"app/models/article.py", "import datetime",
		NULL});
	check(p, ARCH, NULL, 1, "Layers 4/4: models, repositories, routes, services; No dependency violations",
	      "4/4 layers, imports only downwards (spec example)");
	free(p);

	p = patch_of((const char *const[]){
		"src/handlers/user.js", "const svc = require('../use_cases/user');",
		"src/use_cases/user.js", "const User = require('../entities/user');",
		"src/entities/user.js", "module.exports = class User {};",
		NULL});
	check(p, ARCH, NULL, 1, "Layers 3/4: models, routes, services; No dependency violations",
	      "3/4 layers pass");
	free(p);

	p = patch_of((const char *const[]){
		"app/routes/a.py", "x = 1",
		"app/models/user.py", "from app.routes.a import x\nimport app.routes.b",
		"app/models/x.js", "const r = require('../routes/c');",
		NULL});
	check(p, ARCH, NULL, 0,
	      "Only 2/4 layers (need >= 3), missing: repositories, services; 3 dependency violation(s)",
	      "2/4 layers and 3 violations (spec example)");
	free(p);

	check("diff --git a/main.py b/main.py\n+import os\n", ARCH, NULL, 0,
	      "Only 0/4 layers (need >= 3), missing: models, repositories, routes, services; "
	      "No dependency violations",
	      "0/4 layers");

	p = patch_of((const char *const[]){
		"app/routes.py", "", "app/models.py", "", "app/services.py", "", "repositories", "",
		NULL});
	check(p, ARCH, NULL, 0,
	      "Only 0/4 layers (need >= 3), missing: models, repositories, routes, services; "
	      "No dependency violations",
	      "the file name itself never names a layer");
	free(p);

	p = patch_of((const char *const[]){
		"Routes/A.py", "", "SERVICES/b.py", "", "Models/c.py", "", NULL});
	check(p, ARCH, NULL, 1, "Layers 3/4: models, routes, services; No dependency violations",
	      "directory names are compared lowercase");
	free(p);

	/* a file counts for every layer it names, but belongs to the first */
	p = patch_of((const char *const[]){
		"app/routes/models/x.py", "from app.services.s import run",
		"app/services/s.py", "",
		NULL});
	check(p, ARCH, NULL, 1, "Layers 3/4: models, routes, services; No dependency violations",
	      "routes/models/x.py counts for both and is a routes file");
	free(p);
	p = patch_of((const char *const[]){
		"app/services/data/x.py", "from app.routes.r import handler",
		NULL});
	check(p, ARCH, NULL, 0,
	      "Only 2/4 layers (need >= 3), missing: models, routes; 1 dependency violation(s)",
	      "services/data/x.py is a services file (services before repositories)");
	free(p);

#define ONE_FILE(path, text) (const char *const[]){"app/routes/r.py", "", "app/services/s.py", "", \
	"app/models/m.py", "", path, text, NULL}
	static const struct {
		const char *path, *text;
		int violations;
		const char *name;
	} imports[] = {
		{"app/repositories/r.py", "from app.services.user import X", 1, "Python from-import upwards"},
		{"app/repositories/r.py", "import app.routes.users", 1, "Python import upwards"},
		{"app/repositories/r.py", "  from app.models.m import M\nfrom app.repositories.x import Y", 0,
		 "Python imports downwards and sideways"},
		{"app/repositories/r.py", "from app.services\n    import X", 1,
		 "from X import: \\s+ crosses lines"},
		{"app/repositories/r.py", "x = 1  # from app.services.user import X", 0,
		 "a Python import must start its line"},
		{"app/repositories/r.py", "from services.usu\xc3\xa1rio import x", 1,
		 "[\\w.] takes non-ASCII letters, as Python does"},
		{"src/models/user.js", "const svc = require('../services/user');", 1, "JS require upwards"},
		{"src/models/user.js", "const svc = require(\"../services/user')", 1,
		 "require accepts mismatched quotes, as the pattern does"},
		{"src/models/user.js", "const a = require('./base'); const b = require('../data/db');", 1,
		 "every require on a line counts"},
		{"src/repositories/a.js", "import { handler } from '../routes/articles';", 1,
		 "ESM import upwards"},
		{"src/repositories/a.js", "import { Model } from '../models/user.js';", 0, "ESM import downwards"},
		{"src/models/m.js", "import services from './services';", 2,
		 "import X from: counted by the Python import form too"},
		{"src/models/m.js", "import x\n  from '../routes/a';", 1,
		 "ESM: the whitespace before from may cross a line"},
		{"src/models/m.js", "import {\n  a,\n} from '../routes/a';", 0,
		 "ESM: a multi-line brace list is missed, as upstream misses it"},
		{"src/services/s.js", "import \"../routes/a\";", 1,
		 "a double-quoted side-effect import counts (upstream's Go form)"},
		{"src/services/s.js", "import '../routes/a';", 0, "a single-quoted one does not"},
		{"src/models/m.js", "const m = await import(\"../services/x\");", 1,
		 "a dynamic import(\"...\") counts (upstream's Go block form)"},
		{"src/repositories/r.rs", "use crate::services::user;", 1, "Rust use upwards"},
		{"src/repositories/r.go", "import (\n\t\"app/models\"\n\tsvc \"app/services\"\n)", 1,
		 "Go import block"},
	};
	for (size_t i = 0; i < sizeof(imports) / sizeof(imports[0]); i++) {
		struct verify_patch *vp;
		struct verify_result r;
		struct evidence_list ev = {0};
		size_t n = 0;

		p = patch_of(ONE_FILE(imports[i].path, imports[i].text));
		vp = parse_exact(p, strlen(p));
		verify_architecture(vp, &r, &ev);
		for (size_t k = 0; k < ev.n; k++)
			n += strcmp(ev.v[k].label, "violation") == 0;
		if (!tap_ok(n == (size_t)imports[i].violations && r.ok == (n == 0), "%s", imports[i].name))
			tap_diag("  got %zu violation rows, reason '%s'", n, r.reason);
		free(r.reason);
		evidence_list_free(&ev);
		verify_patch_free(vp);
		free(p);
	}
#undef ONE_FILE
}

/* Header lines: what counts as a touched file. */
static void
test_headers(void)
{
	struct verify_patch *p;
	const char *s;

	s = "diff --git \"a/my routes/x.py\" \"b/my routes/x.py\"\n+import sqlite3\n";
	check(s, ARCH, NULL, 0, "No files found in patch", "a path git quotes is missed, as upstream");
	check(s, DB, "sqlite", 0, "No files found in patch", "and the DB check sees no file either");

	s = "diff --git a/my app/routes/x.py b/my app/routes/x.py\n";
	p = parse_exact(s, strlen(s));
	tap_is_str(verify_patch_file_path(p, 0), "my app/routes/x.py", "an unquoted path with spaces");
	verify_patch_free(p);

	s = "diff --git a/a b/c.py b/a b/c.py\n";
	p = parse_exact(s, strlen(s));
	tap_is_str(verify_patch_file_path(p, 0), "a", "the path ends at the first \" b/\" (lazy match)");
	verify_patch_free(p);

	s = "diff --git a/ b/ b/x\n";
	p = parse_exact(s, strlen(s));
	tap_is_str(verify_patch_file_path(p, 0), " b/", "the path has at least one character");
	verify_patch_free(p);

	s = " diff --git a/routes/x.py b/routes/x.py\ndiff --git a/b.py\n";
	check(s, ARCH, NULL, 0, "No files found in patch",
	      "a header must start its line and hold \" b/\"");

	/* splitlines() also breaks at \f; re's ^ does not */
	s = "diff --git a/src/a.py b/src/a.py\n+x = 1\x0c+import sqlite3\n";
	check(s, DB, "sqlite", 1, "Found sqlite evidence: import:sqlite3",
	      "a form feed starts a new line for the added text");
	s = "x\x0c" "diff --git a/src/a.py b/src/a.py\n+import sqlite3\n";
	check(s, DB, "sqlite", 1, "Found sqlite evidence: import:sqlite3",
	      "a header after a form feed starts a file for the added text");
	check(s, ARCH, NULL, 0, "No files found in patch", "but it is no touched file");
	s = "diff --git a/models/x\x0c b/models/x\x0c\n";
	p = parse_exact(s, strlen(s));
	tap_is_int(verify_patch_file_count(p), 1, "a form feed inside a header path");
	verify_patch_free(p);
	check(s, DB, "sqlite", 0, "No files found in patch",
	      "is no file for the added text (the line breaks before \" b/\")");
}

static void
test_shapes(void)
{
	static const char base[] =
		"diff --git a/app/routes/a.py b/app/routes/a.py\n"
		"+from app.services.s import run\n"
		"diff --git a/app/repositories/r.py b/app/repositories/r.py\n"
		"+from app.services.s import leak\n"
		"+import sqlite3\n";
	struct buf crlf;
	struct verify_patch *p;
	struct verify_result r;
	struct evidence_list ev = {0};
	char *junk;
	uint32_t seed = 12345;

	/* empty and file-less patches */
	check("", ARCH, NULL, 0, "No files found in patch", "empty patch: architecture");
	check("", DB, "sqlite", 0, "No files found in patch", "empty patch: database");
	check("", ORM, "sequelize", 0, "No files found in patch", "empty patch: ORM");
	check("just some text\n", ARCH, NULL, 0, "No files found in patch",
	      "a patch with no diff --git line");
	p = verify_patch_parse(NULL, 0);
	tap_is_int(verify_patch_file_count(p), 0, "a NULL patch parses as empty");
	verify_patch_free(p);

	/* CRLF: same verdicts, same evidence lines */
	buf_init(&crlf);
	for (const char *s = base; *s; s++) {
		if (*s == '\n')
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, *s);
	}
	check(crlf.data, ARCH, NULL, 0,
	      "Only 2/4 layers (need >= 3), missing: models, services; 1 dependency violation(s)",
	      "CRLF patch: architecture");
	check(crlf.data, DB, "sqlite", 1, "Found sqlite evidence: import:sqlite3", "CRLF patch: database");
	p = parse_exact(crlf.data, crlf.len);
	verify_database(p, "sqlite", &r, &ev);
	free(r.reason);
	evidence_is(&ev, "import:sqlite3", "app/repositories/r.py", 5, "import sqlite3",
		    "CRLF patch: evidence line and text without the CR");
	evidence_list_free(&ev);
	verify_patch_free(p);
	buf_free(&crlf);

	/* a lone CR is a line break too (universal newlines) */
	check("diff --git a/src/a.py b/src/a.py\r+x = 1\r+import sqlite3", DB, "sqlite", 1,
	      "Found sqlite evidence: import:sqlite3", "CR-only line ends");

	/* no newline at the end */
	check_len(base, sizeof(base) - 2, DB, "sqlite", 1, "Found sqlite evidence: import:sqlite3",
		  "no trailing newline: the last line still counts");
	check_len(base, sizeof(base) - 3, DB, "sqlite", 0, "No sqlite evidence found",
		  "no trailing newline: a cut-off line is what it is");

	/* NUL bytes and invalid UTF-8 */
	{
		static const char bin[] =
			"diff --git a/app/models/x.bin b/app/models/x.bin\n"
			"Binary files /dev/null and b/app/models/x.bin differ\n"
			"diff --git a/app/db.py b/app/db.py\n"
			"+\x00\xff\xfe import sqlite3\n"
			"+\x00import aiosqlite\n"
			"+\xc3(dialect: 'postgres'\x00\n"
			"+x = require('../routes/\x00\xff')\n";

		check_len(bin, sizeof(bin) - 1, DB, "sqlite", 0,
			  "Found sqlite evidence: import:sqlite3; Also found postgres evidence: dialect:postgres",
			  "NUL and invalid bytes: matched like U+FFFD, NUL is no whitespace");
		check_len(bin, sizeof(bin) - 1, ARCH, NULL, 0,
			  "Only 1/4 layers (need >= 3), missing: repositories, routes, services; "
			  "No dependency violations",
			  "NUL and invalid bytes: a binary file still counts as touched");
	}
	junk = xmalloc(1 << 16);
	for (size_t i = 0; i < 1 << 16; i++) {
		seed = seed * 1103515245u + 12345u;
		junk[i] = (char)(seed >> 16);
	}
	memcpy(junk, "diff --git a/app/routes/x b/app/routes/x\n+", 42);
	check_len(junk, 1 << 16, ARCH, NULL, 0,
		  "Only 1/4 layers (need >= 3), missing: models, repositories, services; "
		  "No dependency violations",
		  "64 KiB of random bytes after a header");
	check_len(junk, 1 << 16, DB, "postgres", 0, "No postgres evidence found",
		  "64 KiB of random bytes: no evidence");
	free(junk);
}

/* Which file and line gave which label. */
static void
test_evidence(void)
{
	static const char s[] =
		"diff --git a/routes/a.py b/routes/a.py\n"          /* 1 */
		"new file mode 100644\n"                           /* 2 */
		"--- /dev/null\n"                                  /* 3 */
		"+++ b/routes/a.py\n"                              /* 4 */
		"@@ -0,0 +1,2 @@\n"                                /* 5 */
		"+from app.services.s import run\n"                /* 6 */
		"+    import sqlite3   \n"                         /* 7 */
		"diff --git a/repositories/r.py b/repositories/r.py\n" /* 8 */
		"--- a/repositories/r.py\n"                        /* 9 */
		"+++ b/repositories/r.py\n"                        /* 10 */
		"@@ -1,3 +1,3 @@\n"                                /* 11 */
		" context = 1\n"                                   /* 12 */
		"-removed = 'postgres://x'\n"                      /* 13 */
		"+from app.services.s import leak\n"               /* 14 */
		"diff --git a/main.py b/main.py\n"                 /* 15 */
		"+conn = 'sqlite:///db'  # and the models/data/... dirs\n"; /* 16 */
	struct verify_patch *p = parse_exact(s, sizeof(s) - 1);
	struct verify_result r;
	struct evidence_list ev = {0};
	const struct evidence *e;
	struct buf big;

	tap_is_int(verify_patch_file_count(p), 3, "three touched files");
	tap_is_str(verify_patch_file_path(p, 1), "repositories/r.py", "second file path");
	tap_ok(verify_patch_file_path(p, 3) == NULL, "no fourth file");

	verify_architecture(p, &r, &ev);
	verdict_is(&r, 0, "Only 2/4 layers (need >= 3), missing: models, services; 1 dependency violation(s)",
		   "evidence patch: architecture verdict");
	free(r.reason);
	evidence_is(&ev, "layer:routes", "routes/a.py", 1, "routes", "layer row at the header line");
	evidence_is(&ev, "layer:repositories", "repositories/r.py", 8, "repositories",
		    "layer row for the second file");
	evidence_is(&ev, "layer:none", "main.py", 15, "", "a file in no layer");
	evidence_is(&ev, "violation", "repositories/r.py", 14,
		    "repositories imports services: from app.services.s import leak",
		    "violation row: the importing line");
	tap_ok(ev.n == 4 && ev.v[0].verifier == VERIFIER_ARCH, "four architecture rows, tagged architecture");
	evidence_list_free(&ev);

	verify_database(p, "sqlite", &r, &ev);
	verdict_is(&r, 1, "Found sqlite evidence: import:sqlite3, connstr:sqlite, rust:connstr-sqlite",
		   "evidence patch: database verdict (removed line ignored)");
	free(r.reason);
	evidence_is(&ev, "import:sqlite3", "routes/a.py", 7, "import sqlite3",
		    "DB row: file, line, trimmed text");
	evidence_is(&ev, "connstr:sqlite", "main.py", 16,
		    "conn = 'sqlite:///db'  # and the models/data/... dirs", "DB row in the last file");
	tap_ok(ev.n == 3 && ev.v[0].verifier == VERIFIER_DB, "one DB row per label");
	evidence_list_free(&ev);
	verify_patch_free(p);

	/* the detail keeps at most 200 bytes and never splits a character */
	buf_init(&big);
	buf_puts(&big, "diff --git a/x.py b/x.py\n+import sqlite3 # ");
	for (int i = 0; i < 100; i++)
		buf_puts(&big, "\xc3\xa9");
	buf_putc(&big, '\n');
	p = parse_exact(big.data, big.len);
	verify_database(p, "sqlite", &r, &ev);
	e = find_evidence(&ev, "import:sqlite3", NULL);
	tap_ok(e && strlen(e->detail) == 199 && str_starts(e->detail, "import sqlite3 # \xc3\xa9"),
	       "long detail cut to 199 bytes at a character boundary");
	free(r.reason);
	evidence_list_free(&ev);
	verify_patch_free(p);
	buf_free(&big);
}

static void
test_attempt(void)
{
	static const char s[] = "diff --git a/app/routes/a.py b/app/routes/a.py\n"
				"+import psycopg2\n+from sqlalchemy import select\n";
	struct attempt a;

	attempt_init(&a);
	a.task.kind = TASK_GENERATION;
	a.task.constraints = TC_ARCH | TC_SQLITE | TC_SQLALCHEMY;
	verify_attempt(&a);
	tap_ok(a.verdict[VERIFIER_ARCH].applicable && a.verdict[VERIFIER_DB].applicable &&
		       a.verdict[VERIFIER_ORM].applicable,
	       "no patch: all three verifiers apply");
	tap_ok(!a.verdict[VERIFIER_ARCH].ok && !a.verdict[VERIFIER_DB].ok && !a.verdict[VERIFIER_ORM].ok,
	       "no patch: all three fail");
	tap_is_str(a.verdict[VERIFIER_ORM].reason, "No patch file", "no patch: reason 'No patch file'");
	tap_is_int(a.n_evidence, 0, "no patch: no evidence");
	attempt_free(&a);

	attempt_init(&a);
	a.task.kind = TASK_GENERATION;
	a.task.constraints = TC_ARCH | TC_POSTGRES | TC_SQLALCHEMY;
	a.verdict[VERIFIER_ARCH].applicable = true;
	a.verdict[VERIFIER_ARCH].ok = true;
	a.verdict[VERIFIER_ARCH].reason = xstrdup("");
	attempt_set_artifact(&a, ARTIFACT_PATCH, "run_0/x.patch", xstrdup(s), sizeof(s) - 1,
			     sizeof(s) - 1, false);
	verify_attempt(&a);
	tap_ok(a.verdict[VERIFIER_ARCH].ok && str_eq(a.verdict[VERIFIER_ARCH].reason, ""),
	       "an importer's verdict is kept");
	tap_ok(a.verdict[VERIFIER_DB].ok, "postgres expected and found");
	tap_is_str(a.verdict[VERIFIER_DB].reason, "Found postgres evidence: import:psycopg2",
		   "postgres reason");
	tap_is_str(a.verdict[VERIFIER_ORM].reason,
		   "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy", "ORM reason");
	tap_is_int(a.n_evidence, 3, "evidence rows for the verifiers that ran (DB 1, ORM 2)");
	tap_ok(a.n_evidence == 3 && a.evidence[0].verifier == VERIFIER_DB &&
		       a.evidence[0].line == 2 && str_eq(a.evidence[2].label, "dep:sqlalchemy") &&
		       a.evidence[2].line == 3,
	       "attempt evidence: kinds and lines");
	attempt_finish(&a);
	tap_ok(a.verifiers_ok, "attempt_finish sees the verdicts");
	attempt_free(&a);

	attempt_init(&a);
	a.task.kind = TASK_GENERATION;
	a.task.constraints = TC_SQLITE;
	attempt_set_artifact(&a, ARTIFACT_PATCH, NULL, xstrdup(s), sizeof(s) - 1, 4096, true);
	verify_attempt(&a);
	tap_is_str(a.verdict[VERIFIER_DB].reason,
		   "No sqlite evidence found; Also found postgres evidence: import:psycopg2",
		   "sqlite expected, postgres found");
	tap_ok(!a.verdict[VERIFIER_ARCH].applicable && !a.verdict[VERIFIER_ORM].applicable,
	       "only the task's constraints apply");
	tap_ok(a.problems.len && strstr(a.problems.data, "first 95 of the patch's 4096 bytes"),
	       "a truncated patch is noted as a problem");
	attempt_free(&a);

	attempt_init(&a);
	a.task.kind = TASK_FEATURE;
	a.task.constraints = TC_ARCH;
	verify_attempt(&a);
	tap_ok(!a.verdict[VERIFIER_ARCH].applicable && !a.verdict[VERIFIER_ARCH].reason,
	       "feature tasks have no verifiers");
	attempt_free(&a);
}

/* A 20 MB patch: the checks stay linear.  No timing, only the results. */
static void
test_big(void)
{
	static const char *const dirs[] = {"routes", "services", "repositories", "models"};
	static const char *const lines[] = {
		"const express = require('express');",
		"const repo = require('../repositories/articles');",
		"async function list(req, res) { return res.json(await repo.all()); }",
		"// a comment that mentions the database and a \"quoted\" word",
		"module.exports = { list };",
	};
	struct buf b;
	struct verify_patch *p;
	struct verify_result r;
	struct evidence_list ev = {0};
	size_t files = 0, line = 0;
	int want_line = 0;

	buf_init(&b);
	while (b.len < 20u << 20) {
		const char *dir = dirs[files % 4];

		buf_printf(&b, "diff --git a/src/%s/f%zu.js b/src/%s/f%zu.js\n", dir, files, dir, files);
		buf_puts(&b, "new file mode 100644\n--- /dev/null\n");
		buf_printf(&b, "+++ b/src/%s/f%zu.js\n@@ -0,0 +1,100 @@\n", dir, files);
		line += 5;
		for (int k = 0; k < 100; k++) {
			/* only the routes and services files may use the repositories */
			int pick = k % 5 == 1 && files % 4 >= 2 ? 0 : k % 5;

			buf_printf(&b, "+%s\n", lines[pick]);
			line++;
		}
		files++;
	}
	buf_puts(&b, "diff --git a/src/models/last.js b/src/models/last.js\n+x\n");
	buf_puts(&b, "+const svc = require('../services/articles');\n+module.exports = { dialect: 'postgres' };\n");
	want_line = (int)line + 4;
	files++;

	p = parse_exact(b.data, b.len);
	tap_is_int(verify_patch_file_count(p), files, "20 MB patch: every file found");
	verify_architecture(p, &r, &ev);
	verdict_is(&r, 0, "Layers 4/4: models, repositories, routes, services; 1 dependency violation(s)",
		   "20 MB patch: architecture");
	free(r.reason);
	evidence_is(&ev, "violation", "src/models/last.js", want_line - 1,
		    "models imports services: const svc = require('../services/articles');",
		    "20 MB patch: the one violation, with its line");
	evidence_list_free(&ev);
	verify_database(p, "sqlite", &r, &ev);
	verdict_is(&r, 0, "No sqlite evidence found; Also found postgres evidence: dialect:postgres",
		   "20 MB patch: database");
	free(r.reason);
	evidence_is(&ev, "dialect:postgres", "src/models/last.js", want_line,
		    "module.exports = { dialect: 'postgres' };", "20 MB patch: DB evidence line");
	evidence_list_free(&ev);
	verify_orm(p, "sequelize", &r, &ev);
	verdict_is(&r, 0, "No sequelize evidence found", "20 MB patch: ORM");
	free(r.reason);
	evidence_list_free(&ev);
	verify_patch_free(p);
	buf_free(&b);
}

/* The 20 feature-task patches in ../shared: removal diffs, so mostly
 * '-' lines; these outcomes were checked by reading the patches. */
static void
test_shared(void)
{
	static const char *const fws[] = {"aiohttp", "express", "fastapi", "flask", "honojs"};
	const char *shared = tap_shared_dir();
	struct verify_patch *p[5][4] = {{NULL}};
	struct verify_result r;
	struct evidence_list ev = {0};
	int loaded = 0, none = 0;

	if (!shared) {
		tap_skip("../shared is absent: no real patches to check");
		return;
	}
	for (int f = 0; f < 5; f++) {
		for (int t = 0; t < 4; t++) {
			char path[4096], *data;
			size_t len;
			struct bt_error err;

			snprintf(path, sizeof(path), "%s/upstream/data/tasks/%s/%s-hard-focused-task-00%d.patch",
				 shared, fws[f], fws[f], t + 1);
			if (file_read(path, 0, &data, &len, NULL, &err) != BT_OK)
				continue;
			p[f][t] = parse_exact(data, len);
			free(data);
			loaded++;
		}
	}
	if (loaded != 20) {
		tap_skip("../shared has %d of the 20 feature patches", loaded);
		goto out;
	}
	/* none of them adds DB or ORM code except fastapi-004's comments */
	for (int f = 0; f < 5; f++) {
		for (int t = 0; t < 4; t++) {
			verify_database(p[f][t], "postgres", &r, NULL);
			none += str_eq(r.reason, "No postgres evidence found");
			free(r.reason);
			verify_database(p[f][t], "sqlite", &r, NULL);
			none += str_eq(r.reason, "No sqlite evidence found");
			free(r.reason);
		}
	}
	tap_is_int(none, 40, "feature patches: no DB evidence in any of them");

	/* express-001: 19 files, only src/routes/ names a layer (src/view is not views) */
	tap_is_int(verify_patch_file_count(p[1][0]), 19, "express-001: 19 touched files");
	tap_is_str(verify_patch_file_path(p[1][0], 0),
		   "src/controllers/commentsController/createComment.test.ts", "express-001: first file");
	verify_architecture(p[1][0], &r, NULL);
	verdict_is(&r, 0, "Only 1/4 layers (need >= 3), missing: models, repositories, services; "
		   "No dependency violations", "express-001: architecture");
	free(r.reason);
	/* aiohttp-002: core/use_cases/ is the only layer directory */
	verify_architecture(p[0][1], &r, NULL);
	verdict_is(&r, 0, "Only 1/4 layers (need >= 3), missing: models, repositories, routes; "
		   "No dependency violations", "aiohttp-002: architecture");
	free(r.reason);
	/* fastapi-002: api/routes, services, dtos/domain; no repositories */
	verify_architecture(p[2][1], &r, NULL);
	verdict_is(&r, 1, "Layers 3/4: models, routes, services; No dependency violations",
		   "fastapi-002: architecture");
	free(r.reason);
	/* fastapi-004: 4/4; its only imports are commented out */
	verify_architecture(p[2][3], &r, &ev);
	verdict_is(&r, 1, "Layers 4/4: models, repositories, routes, services; No dependency violations",
		   "fastapi-004: architecture");
	free(r.reason);
	evidence_is(&ev, "layer:routes", "conduit/api/routes/article.py", 26, "routes",
		    "fastapi-004: layer row of conduit/api/routes/article.py");
	evidence_list_free(&ev);
	/* ... but "from sqlalchemy." needs no line start: "# from sqlalchemy.exc" counts */
	verify_orm(p[2][3], "sqlalchemy", &r, &ev);
	verdict_is(&r, 1, "Found sqlalchemy evidence: import:sqlalchemy, dep:sqlalchemy",
		   "fastapi-004: SQLAlchemy evidence from a commented-out import");
	free(r.reason);
	evidence_is(&ev, "import:sqlalchemy", "conduit/services/comment.py", 2036,
		    "# from sqlalchemy.exc import MultipleResultsFound, NoResultFound",
		    "fastapi-004: the evidence line");
	evidence_list_free(&ev);
out:
	for (int f = 0; f < 5; f++)
		for (int t = 0; t < 4; t++)
			verify_patch_free(p[f][t]);
}

int
main(void)
{
	test_labels();
	test_added_text();
	test_architecture();
	test_headers();
	test_shapes();
	test_evidence();
	test_attempt();
	test_big();
	test_shared();
	return tap_done();
}
