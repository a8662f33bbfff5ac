/* gen_newman.c: the Postman collection (spec 2.4) played against a
 * simulated server, and the CSV newman-reporter-csv 1.3.0 writes for it.
 *
 * The server behaviour is the attempt's crash kind, defects and missing
 * endpoint groups.  State flows between requests through the collection's
 * globals (token, slug, commentId), so one broken early request cascades
 * exactly as in the benchmark: no token means 401s, no slug means
 * .../articles/null.
 */
#include "config.h"

#include "gen.h"

#include <string.h>

enum {
	A_USER_ROOT, A_USER_EMAIL, A_USER_USERNAME, A_USER_BIO, A_USER_IMAGE, A_USER_TOKEN,
	A_TOKEN_SET,
	A_CODE200, A_ARTICLES_ROOT, A_ARTICLES_ARRAY, A_COUNT_ROOT, A_COUNT_INT,
	A_ARTICLE_ROOT, A_TITLE, A_SLUG, A_BODY, A_CREATED, A_UPDATED, A_DESC, A_TAGLIST,
	A_TAGLIST_ARRAY, A_AUTHOR, A_FAVORITED, A_FAVCOUNT, A_FAVCOUNT_INT,
	A_FAV_TRUE, A_FAVCOUNT_GT0, A_FAV_FALSE,
	A_COMMENT_ROOT, A_COMMENT_ID, A_COMMENT_BODY, A_COMMENT_CREATED, A_COMMENT_UPDATED,
	A_COMMENT_AUTHOR, A_COMMENTS_ROOT,
	A_PROFILE_ROOT, A_PROFILE_USERNAME, A_PROFILE_BIO, A_PROFILE_IMAGE, A_PROFILE_FOLLOWING,
	A_FOLLOWING_TRUE, A_FOLLOWING_FALSE,
	A_TAGS_ROOT, A_TAGS_ARRAY,
};

const char *const gen_assertion_names[GEN_N_ASSERTIONS] = {
	"Response contains \"user\" property",
	"User has \"email\" property",
	"User has \"username\" property",
	"User has \"bio\" property",
	"User has \"image\" property",
	"User has \"token\" property",
	"Global variable \"token\" has been set",
	"Response code is 200 OK",
	"Response contains \"articles\" property",
	"articles is an array",
	"Response contains \"articlesCount\" property",
	"articlesCount is an integer",
	"Response contains \"article\" property",
	"Article has \"title\" property",
	"Article has \"slug\" property",
	"Article has \"body\" property",
	"Article has \"createdAt\" property",
	"Article has \"updatedAt\" property",
	"Article has \"description\" property",
	"Article has \"tagList\" property",
	"Article's \"tagList\" property is an Array",
	"Article has \"author\" property",
	"Article has \"favorited\" property",
	"Article has \"favoritesCount\" property",
	"favoritesCount is an integer",
	"Article's 'favorited' property is true",
	"Article's 'favoritesCount' property is greater than 0",
	"Article's \"favorited\" property is false",
	"Response contains \"comment\" property",
	"Comment has \"id\" property",
	"Comment has \"body\" property",
	"Comment has \"createdAt\" property",
	"Comment has \"updatedAt\" property",
	"Comment has \"author\" property",
	"Response contains \"comments\" property",
	"Response contains \"profile\" property",
	"Profile has \"username\" property",
	"Profile has \"bio\" property",
	"Profile has \"image\" property",
	"Profile has \"following\" property",
	"Profile's \"following\" property is true",
	"Profile's \"following\" property is false",
	"Response contains \"tags\" property",
	"\"tags\" property returned as array",
};

/* Assertion lists per request, in emission order (spec 2.4). */
static const unsigned char L_USER[] = {A_USER_ROOT, A_USER_EMAIL, A_USER_USERNAME, A_USER_BIO,
				       A_USER_IMAGE, A_USER_TOKEN};
static const unsigned char L_LOGIN_TOKEN[] = {A_USER_ROOT, A_USER_EMAIL, A_USER_USERNAME,
					      A_USER_BIO, A_USER_IMAGE, A_USER_TOKEN, A_TOKEN_SET};
static const unsigned char L_CURRENT[] = {A_USER_ROOT, A_USER_EMAIL, A_USER_USERNAME,
					  A_USER_BIO, A_USER_IMAGE};
static const unsigned char L_LIST[] = {A_CODE200, A_ARTICLES_ROOT, A_ARTICLES_ARRAY,
				       A_COUNT_ROOT, A_COUNT_INT};
static const unsigned char L_ARTICLE[] = {A_ARTICLE_ROOT, A_TITLE, A_SLUG, A_BODY, A_CREATED,
					  A_UPDATED, A_DESC, A_TAGLIST, A_TAGLIST_ARRAY,
					  A_AUTHOR, A_FAVORITED, A_FAVCOUNT, A_FAVCOUNT_INT};
static const unsigned char L_LIST_ITEM[] = {A_CODE200, A_ARTICLES_ROOT, A_ARTICLES_ARRAY,
					    A_COUNT_ROOT, A_COUNT_INT, A_TITLE, A_SLUG, A_BODY,
					    A_CREATED, A_UPDATED, A_DESC, A_TAGLIST,
					    A_TAGLIST_ARRAY, A_AUTHOR, A_FAVORITED, A_FAVCOUNT,
					    A_FAVCOUNT_INT};
static const unsigned char L_FAVORITE[] = {A_ARTICLE_ROOT, A_TITLE, A_SLUG, A_BODY, A_CREATED,
					   A_UPDATED, A_DESC, A_TAGLIST, A_TAGLIST_ARRAY,
					   A_AUTHOR, A_FAVORITED, A_FAV_TRUE, A_FAVCOUNT,
					   A_FAVCOUNT_INT, A_FAVCOUNT_GT0};
static const unsigned char L_UNFAVORITE[] = {A_ARTICLE_ROOT, A_TITLE, A_SLUG, A_BODY,
					     A_CREATED, A_UPDATED, A_DESC, A_TAGLIST,
					     A_TAGLIST_ARRAY, A_AUTHOR, A_FAVORITED, A_FAVCOUNT,
					     A_FAVCOUNT_INT, A_FAV_FALSE};
static const unsigned char L_COMMENT[] = {A_COMMENT_ROOT, A_COMMENT_ID, A_COMMENT_BODY,
					  A_COMMENT_CREATED, A_COMMENT_UPDATED,
					  A_COMMENT_AUTHOR};
static const unsigned char L_COMMENTS[] = {A_CODE200, A_COMMENTS_ROOT, A_COMMENT_ID,
					   A_COMMENT_BODY, A_COMMENT_CREATED,
					   A_COMMENT_UPDATED, A_COMMENT_AUTHOR};
static const unsigned char L_PROFILE[] = {A_CODE200, A_PROFILE_ROOT, A_PROFILE_USERNAME,
					  A_PROFILE_BIO, A_PROFILE_IMAGE, A_PROFILE_FOLLOWING};
static const unsigned char L_FOLLOW[] = {A_CODE200, A_PROFILE_ROOT, A_PROFILE_USERNAME,
					 A_PROFILE_BIO, A_PROFILE_IMAGE, A_PROFILE_FOLLOWING,
					 A_FOLLOWING_TRUE};
static const unsigned char L_UNFOLLOW[] = {A_CODE200, A_PROFILE_ROOT, A_PROFILE_USERNAME,
					   A_PROFILE_BIO, A_PROFILE_IMAGE,
					   A_PROFILE_FOLLOWING, A_FOLLOWING_FALSE};
static const unsigned char L_TAGS[] = {A_CODE200, A_TAGS_ROOT, A_TAGS_ARRAY};

#define L(x) x, (int)sizeof(x)
const struct gen_request_def gen_requests[GEN_N_REQUESTS] = {
	{"Register", "POST", "/users", false, L(L_USER)},
	{"Login", "POST", "/users/login", false, L(L_USER)},
	{"Login and Remember Token", "POST", "/users/login", false, L(L_LOGIN_TOKEN)},
	{"Current User", "GET", "/user", true, L(L_CURRENT)},
	{"Update User", "PUT", "/user", true, L(L_CURRENT)},
	{"All Articles", "GET", "/articles", false, L(L_LIST)},
	{"Articles by Author", "GET", "/articles?author=johnjacob", false, L(L_LIST)},
	{"Articles Favorited by Username", "GET", "/articles?favorited=user", false, L(L_LIST)},
	{"Articles by Tag", "GET", "/articles?tag=dragons", false, L(L_LIST)},
	{"Create Article", "POST", "/articles", true, L(L_ARTICLE)},
	{"Feed", "GET", "/articles/feed", true, L(L_LIST)},
	{"All Articles", "GET", "/articles", true, L(L_LIST_ITEM)},
	{"All Articles with auth", "GET", "/articles", true, L(L_LIST_ITEM)},
	{"Articles by Author", "GET", "/articles?author=user", true, L(L_LIST_ITEM)},
	{"Articles by Author with auth", "GET", "/articles?author=user", true, L(L_LIST_ITEM)},
	{"Single Article by slug", "GET", "/articles/{slug}", true, L(L_ARTICLE)},
	{"Articles by Tag", "GET", "/articles?tag=dragons", true, L(L_LIST_ITEM)},
	{"Update Article", "PUT", "/articles/{slug}", true, L(L_ARTICLE)},
	{"Favorite Article", "POST", "/articles/{slug}/favorite", true, L(L_FAVORITE)},
	{"Articles Favorited by Username", "GET", "/articles?favorited=user", true, L(L_LIST_ITEM)},
	{"Articles Favorited by Username with auth", "GET", "/articles?favorited=user", true,
	 L(L_LIST_ITEM)},
	{"Unfavorite Article", "DELETE", "/articles/{slug}/favorite", true, L(L_UNFAVORITE)},
	{"Create Comment for Article", "POST", "/articles/{slug}/comments", true, L(L_COMMENT)},
	{"All Comments for Article", "GET", "/articles/{slug}/comments", true, L(L_COMMENTS)},
	{"All Comments for Article without login", "GET", "/articles/{slug}/comments", false,
	 L(L_COMMENTS)},
	{"Delete Comment for Article", "DELETE", "/articles/{slug}/comments/{comment}", true, NULL, 0},
	{"Delete Article", "DELETE", "/articles/{slug}", true, NULL, 0},
	{"Register Celeb", "POST", "/users", false, L(L_USER)},
	{"Profile", "GET", "/profiles/celeb_user", true, L(L_PROFILE)},
	{"Follow Profile", "POST", "/profiles/celeb_user/follow", true, L(L_FOLLOW)},
	{"Unfollow Profile", "DELETE", "/profiles/celeb_user/follow", true, L(L_UNFOLLOW)},
	{"All Tags", "GET", "/tags", false, L(L_TAGS)},
};
#undef L

#define BIT(x) ((uint64_t)1 << (x))
#define HAS(a, d) (((a)->defects >> (d)) & 1u)

static const uint64_t USER_FACTS = BIT(A_USER_ROOT) | BIT(A_USER_EMAIL) | BIT(A_USER_USERNAME) |
				   BIT(A_USER_BIO) | BIT(A_USER_IMAGE) | BIT(A_USER_TOKEN) |
				   BIT(A_TOKEN_SET);
static const uint64_t LIST_FACTS = BIT(A_CODE200) | BIT(A_ARTICLES_ROOT) |
				   BIT(A_ARTICLES_ARRAY) | BIT(A_COUNT_ROOT) | BIT(A_COUNT_INT);
static const uint64_t ARTICLE_FIELDS =
	BIT(A_TITLE) | BIT(A_SLUG) | BIT(A_BODY) | BIT(A_CREATED) | BIT(A_UPDATED) | BIT(A_DESC) |
	BIT(A_TAGLIST) | BIT(A_TAGLIST_ARRAY) | BIT(A_AUTHOR) | BIT(A_FAVORITED) |
	BIT(A_FAVCOUNT) | BIT(A_FAVCOUNT_INT);
static const uint64_t COMMENT_FIELDS = BIT(A_COMMENT_ID) | BIT(A_COMMENT_BODY) |
				       BIT(A_COMMENT_CREATED) | BIT(A_COMMENT_UPDATED) |
				       BIT(A_COMMENT_AUTHOR);
static const uint64_t PROFILE_FACTS = BIT(A_CODE200) | BIT(A_PROFILE_ROOT) |
				      BIT(A_PROFILE_USERNAME) | BIT(A_PROFILE_BIO) |
				      BIT(A_PROFILE_IMAGE) | BIT(A_PROFILE_FOLLOWING);

const char *
gen_http_reason(const struct gen_attempt *a, int code)
{
	/* Werkzeug sends upper-case reason phrases (see the real Flask CSVs). */
	bool upper = strcmp(a->task->framework, "flask") == 0;
	switch (code) {
	case 200: return "OK";
	case 201: return upper ? "CREATED" : "Created";
	case 204: return upper ? "NO CONTENT" : "No Content";
	case 400: return upper ? "BAD REQUEST" : "Bad Request";
	case 401: return upper ? "UNAUTHORIZED" : "Unauthorized";
	case 403: return upper ? "FORBIDDEN" : "Forbidden";
	case 404: return upper ? "NOT FOUND" : "Not Found";
	case 405: return upper ? "METHOD NOT ALLOWED" : "Method Not Allowed";
	case 409: return upper ? "CONFLICT" : "Conflict";
	case 422: return upper ? "UNPROCESSABLE ENTITY" : "Unprocessable Entity";
	default: return upper ? "INTERNAL SERVER ERROR" : "Internal Server Error";
	}
}

struct play {
	struct gen_attempt *a;
	struct gen_rng rng;
	bool python;
	char apiurl[64];
};

/* Sizes of the framework's own error pages (not the app's JSON errors). */
static int
default_error_size(struct play *p, int code, const char *path)
{
	const char *fw = p->a->task->framework;
	if (strcmp(fw, "flask") == 0)
		return code == 404 ? 207 : code == 405 ? 153 : 265;
	if (strcmp(fw, "django") == 0)
		return code == 404 ? 179 : 145;
	if (strcmp(fw, "fastapi") == 0)
		return code == 404 ? 22 : 21;
	if (strcmp(fw, "aiohttp") == 0)
		return code == 404 ? 14 : 141;
	if (strcmp(fw, "express") == 0)
		return code == 404 ? 140 + (int)strlen(path) : 1130 + (int)gen_rng_below(&p->rng, 300);
	if (strcmp(fw, "fastify") == 0)
		return code == 404 ? 72 + (int)strlen(path) : 87;
	return code == 404 ? 9 : 21; /* hono, koa: plain text */
}

static void
respond(struct play *p, int i, int code, uint64_t facts, int size)
{
	struct gen_req *r = &p->a->req[i];
	bool slow = i == 0 || i == 1 || i == 2 || i == 27; /* password hashing */

	r->errored = false;
	r->code = code;
	r->pass = facts;
	r->size = size + (int)gen_rng_below(&p->rng, 4);
	if (slow && code < 300)
		r->ms = p->python ? gen_rng_range(&p->rng, 180, 290) : gen_rng_range(&p->rng, 60, 120);
	else
		r->ms = gen_rng_range(&p->rng, p->python ? 3 : 1, p->python ? 14 : 9);
}

/* An error the application itself returns as JSON. */
static void
app_error(struct play *p, int i, int code)
{
	static const int sizes[] = {38, 41, 52, 61, 70};
	respond(p, i, code, 0, code == 500 ? default_error_size(p, 500, "") : sizes[gen_rng_below(&p->rng, 5)]);
}

/* A route the application never registered. */
static void
no_route(struct play *p, int i)
{
	struct gen_req *r = &p->a->req[i];
	const char *path = strstr(r->url, "/api");
	respond(p, i, 404, 0, default_error_size(p, 404, path ? path : r->url));
}

static void
server_error(struct play *p, int i)
{
	respond(p, i, 500, 0, default_error_size(p, 500, ""));
}

static void
resolve_url(struct play *p, int i, bool slug_set, bool comment_set)
{
	struct gen_attempt *a = p->a;
	const char *path = gen_requests[i].path;
	struct buf b;

	buf_init(&b);
	buf_puts(&b, p->apiurl);
	for (const char *s = path; *s; s++) {
		if (strncmp(s, "{slug}", 6) == 0) {
			buf_puts(&b, slug_set ? a->slug : "null");
			s += 5;
		} else if (strncmp(s, "{comment}", 9) == 0) {
			buf_puts(&b, comment_set ? a->comment_id : "null");
			s += 8;
		} else {
			buf_putc(&b, *s);
		}
	}
	snprintf(a->req[i].url, sizeof(a->req[i].url), "%s", buf_cstr(&b));
	buf_free(&b);
}

static uint64_t
article_facts(const struct gen_attempt *a, bool slug_in_json)
{
	uint64_t f = ARTICLE_FIELDS;
	if (HAS(a, GD_ARTICLE_FIELDS))
		f &= ~(BIT(A_CREATED) | BIT(A_UPDATED));
	if (!slug_in_json)
		f &= ~BIT(A_SLUG);
	return f;
}

static uint64_t
list_facts(const struct gen_attempt *a, bool item, bool slug_in_json)
{
	uint64_t f = LIST_FACTS;
	if (HAS(a, GD_LIST_SHAPE))
		f &= ~(BIT(A_COUNT_ROOT) | BIT(A_COUNT_INT));
	if (item)
		f |= article_facts(a, slug_in_json);
	return f;
}

void
gen_newman_play(struct gen_attempt *a)
{
	struct play p = {.a = a, .python = a->task->python};
	bool down = a->crash != GC_NONE;
	bool user_ok, token_set, token_valid, article, slug_set, slug_json, fav_persisted;
	bool comment_set, celeb;
	int ok_create = a->created_201 ? 201 : 200, ok_delete = a->created_201 ? 204 : 200;
	uint64_t user_facts = USER_FACTS;

	gen_attempt_rng(a, "newman", &p.rng);
	snprintf(p.apiurl, sizeof(p.apiurl), "http://conduit:%d%s", a->task->port, a->task->base_url);
	if (HAS(a, GD_USER_FIELDS))
		user_facts &= ~(BIT(A_USER_BIO) | BIT(A_USER_IMAGE));

	/* Auth */
	user_ok = !down && !HAS(a, GD_REGISTER);
	token_set = user_ok && !HAS(a, GD_LOGIN);
	token_valid = token_set && !HAS(a, GD_AUTH_SCHEME);
	article = token_valid && !HAS(a, GD_CREATE_ARTICLE) && !(a->missing & GG_ARTICLES);
	slug_json = !HAS(a, GD_NO_SLUG);
	slug_set = article && slug_json;
	fav_persisted = slug_set && token_valid && !HAS(a, GD_FAVORITE) && !(a->missing & GG_FAVORITES);
	comment_set = slug_set && token_valid && !HAS(a, GD_COMMENTS_500) && !(a->missing & GG_COMMENTS);
	celeb = user_ok;

	for (int i = 0; i < GEN_N_REQUESTS; i++) {
		const struct gen_request_def *d = &gen_requests[i];
		/* A request authenticates when it sends a token the server accepts;
		 * an unusable token is refused on required routes, and on optional
		 * ones unless the app treats it as anonymous. */
		bool refused_required = d->auth && !token_valid;
		bool refused_optional = d->auth && !token_valid && !a->lenient_auth &&
					!HAS(a, GD_AUTH_SCHEME);
		struct gen_req *r = &a->req[i];

		resolve_url(&p, i, slug_set, comment_set);
		r->n_total = d->n_asserts;
		if (down || (HAS(a, GD_CRASH_MIDRUN) && i >= a->crash_at)) {
			r->errored = true;
			r->code = 0;
			r->ms = r->size = -1;
			r->pass = 0;
			continue;
		}
		switch (i) {
		case 0: /* Register */
		case 27: /* Register Celeb */
			if (user_ok)
				respond(&p, i, ok_create, user_facts, i == 0 ? 283 : 295);
			else
				server_error(&p, i);
			break;
		case 1:
		case 2: /* Login, Login and Remember Token */
			if (token_set)
				respond(&p, i, 200, user_facts, 283);
			else
				app_error(&p, i, user_ok ? 401 : (p.python ? 422 : 404));
			break;
		case 3: /* Current User */
			if (refused_required)
				app_error(&p, i, 401);
			else
				respond(&p, i, 200, user_facts & ~BIT(A_TOKEN_SET), 282);
			break;
		case 4: /* Update User */
			if (refused_required)
				app_error(&p, i, 401);
			else if (HAS(a, GD_UPDATE_USER))
				server_error(&p, i);
			else
				respond(&p, i, 200, user_facts & ~BIT(A_TOKEN_SET), 282);
			break;
		case 5: case 6: case 7: case 8: /* public lists, no articles yet */
			if (a->missing & GG_ARTICLES)
				no_route(&p, i);
			else if (HAS(a, GD_LIST_500))
				server_error(&p, i);
			else
				respond(&p, i, 200, list_facts(a, false, slug_json), 34);
			break;
		case 9: /* Create Article */
			if (refused_required)
				app_error(&p, i, 401);
			else if (a->missing & GG_ARTICLES)
				no_route(&p, i);
			else if (!article)
				server_error(&p, i);
			else
				respond(&p, i, ok_create, BIT(A_ARTICLE_ROOT) | article_facts(a, slug_json), 385);
			break;
		case 10: /* Feed */
			if (refused_required)
				app_error(&p, i, 401);
			else if ((a->missing & GG_FEED) || HAS(a, GD_FEED_ROUTE) || (a->missing & GG_ARTICLES))
				app_error(&p, i, 404);
			else if (HAS(a, GD_LIST_500))
				server_error(&p, i);
			else
				respond(&p, i, 200, list_facts(a, false, slug_json), 34);
			break;
		case 11: case 12: case 13: case 14: case 16: case 19: case 20: {
			bool item = article;
			if (i == 13 || i == 14)
				item = item && !HAS(a, GD_FILTER_AUTHOR);
			else if (i == 16)
				item = item && !HAS(a, GD_FILTER_TAG);
			else if (i == 19 || i == 20)
				/* an app without favorites ignores ?favorited= and lists everything */
				item = item && ((a->missing & GG_FAVORITES) ||
						(fav_persisted && !HAS(a, GD_FILTER_FAV)));
			if (refused_optional)
				app_error(&p, i, 401);
			else if (a->missing & GG_ARTICLES)
				no_route(&p, i);
			else if (HAS(a, GD_LIST_500))
				server_error(&p, i);
			else
				respond(&p, i, 200, list_facts(a, item, slug_json), item ? 406 : 34);
			break;
		}
		case 15: /* Single Article by slug */
		case 17: /* Update Article */
			if (i == 17 && refused_required)
				app_error(&p, i, 401);
			else if (i == 15 && refused_optional)
				app_error(&p, i, 401);
			else if (!slug_set)
				app_error(&p, i, 404);
			else if ((i == 15 && HAS(a, GD_GET_ARTICLE)))
				server_error(&p, i);
			else if (i == 17 && HAS(a, GD_UPDATE_ARTICLE))
				app_error(&p, i, 422);
			else
				respond(&p, i, 200, BIT(A_ARTICLE_ROOT) | article_facts(a, true) | BIT(A_FAV_FALSE), 385);
			break;
		case 18: /* Favorite */
		case 21: /* Unfavorite */
			if (refused_required)
				app_error(&p, i, 401);
			else if (a->missing & GG_FAVORITES)
				no_route(&p, i);
			else if (!slug_set)
				app_error(&p, i, 404);
			else if (i == 18) {
				uint64_t f = BIT(A_ARTICLE_ROOT) | article_facts(a, true);
				if (fav_persisted)
					f |= BIT(A_FAV_TRUE) | BIT(A_FAVCOUNT_GT0);
				respond(&p, i, 200, f, 383);
			} else {
				uint64_t f = BIT(A_ARTICLE_ROOT) | article_facts(a, true);
				if (!(fav_persisted && HAS(a, GD_UNFAVORITE)))
					f |= BIT(A_FAV_FALSE);
				respond(&p, i, 200, f, 384);
			}
			break;
		case 22: /* Create Comment */
			if (refused_required)
				app_error(&p, i, 401);
			else if (a->missing & GG_COMMENTS)
				no_route(&p, i);
			else if (!slug_set)
				app_error(&p, i, 404);
			else if (HAS(a, GD_COMMENTS_500))
				server_error(&p, i);
			else
				respond(&p, i, ok_create, BIT(A_COMMENT_ROOT) | COMMENT_FIELDS, 231);
			break;
		case 23: case 24: /* All Comments (with / without login) */
			if (i == 23 && refused_optional)
				app_error(&p, i, 401);
			else if (i == 24 && HAS(a, GD_COMMENT_AUTH))
				app_error(&p, i, 401);
			else if (a->missing & GG_COMMENTS)
				no_route(&p, i);
			else if (!slug_set)
				app_error(&p, i, 404);
			else if (HAS(a, GD_COMMENTS_500))
				server_error(&p, i);
			else
				respond(&p, i, 200, BIT(A_CODE200) | BIT(A_COMMENTS_ROOT) |
					(comment_set ? COMMENT_FIELDS : 0), comment_set ? 234 : 15);
			break;
		case 25: /* Delete Comment */
			if (refused_required)
				app_error(&p, i, 401);
			else if (a->missing & GG_COMMENTS)
				no_route(&p, i);
			else if (!slug_set || !comment_set)
				app_error(&p, i, p.python && strcmp(a->task->framework, "fastapi") == 0 ? 422 : 404);
			else
				respond(&p, i, ok_delete, 0, ok_delete == 204 ? 0 : 2);
			break;
		case 26: /* Delete Article */
			if (refused_required)
				app_error(&p, i, 401);
			else if (!slug_set)
				app_error(&p, i, 404);
			else
				respond(&p, i, ok_delete, 0, ok_delete == 204 ? 0 : 2);
			break;
		case 28: case 29: case 30: { /* Profile, Follow, Unfollow */
			bool refused = i == 28 ? refused_optional : refused_required;
			if (refused)
				app_error(&p, i, 401);
			else if (a->missing & GG_PROFILES)
				no_route(&p, i);
			else if (!celeb || HAS(a, GD_PROFILE_404))
				app_error(&p, i, 404);
			else {
				uint64_t f = PROFILE_FACTS;
				if (i == 29 && !HAS(a, GD_FOLLOW))
					f |= BIT(A_FOLLOWING_TRUE);
				if (i == 30)
					f |= BIT(A_FOLLOWING_FALSE);
				respond(&p, i, 200, f, 80);
			}
			break;
		}
		case 31: /* All Tags */
			if (a->missing & GG_TAGS)
				no_route(&p, i);
			else if (HAS(a, GD_TAGS))
				server_error(&p, i);
			else
				respond(&p, i, 200, BIT(A_CODE200) | BIT(A_TAGS_ROOT) | BIT(A_TAGS_ARRAY), 32);
			break;
		default:
			break;
		}
	}

	a->T = a->P = a->F = 0;
	for (int i = 0; i < GEN_N_REQUESTS; i++) {
		struct gen_req *r = &a->req[i];
		uint64_t mask = 0;
		for (int k = 0; k < gen_requests[i].n_asserts; k++)
			mask |= BIT(gen_requests[i].asserts[k]);
		r->pass &= mask;
		r->n_pass = 0;
		for (int k = 0; k < gen_requests[i].n_asserts; k++)
			r->n_pass += (int)((r->pass >> gen_requests[i].asserts[k]) & 1);
		a->T += r->n_total;
		a->P += r->n_pass;
	}
	a->F = a->T - a->P;
}

/* ------------------------------------------------------------ CSV */

static void
csv_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		buf_append(b, s, (size_t)(q - s) + 1);
		buf_putc(b, '"');
	}
	buf_puts(b, s);
	buf_putc(b, '"');
}

static void
csv_num(struct buf *b, long v)
{
	buf_putc(b, '"');
	gen_put_long(b, v);
	buf_putc(b, '"');
}

/* The passed (want = true) or failed assertion names joined with ", ",
 * quoted, or nothing (a missing value) when there are none. */
static void
csv_names(struct buf *b, const struct gen_req *r, int i, bool want)
{
	bool any = false;
	for (int k = 0; k < gen_requests[i].n_asserts; k++) {
		int id = gen_requests[i].asserts[k];
		bool passed = (r->pass >> id) & 1;
		if (passed != want)
			continue;
		buf_puts(b, any ? ", " : "\"");
		for (const char *s = gen_assertion_names[id]; *s; s++) {
			if (*s == '"')
				buf_putc(b, '"');
			buf_putc(b, *s);
		}
		any = true;
	}
	if (any)
		buf_putc(b, '"');
}

void
gen_newman_csv(const struct gen_attempt *a, struct buf *out)
{
	buf_puts(out, "iteration,collectionName,requestName,method,url,status,code,responseTime,"
		      "responseSize,executed,failed,skipped,totalAssertions,executedCount,"
		      "failedCount,skippedCount");
	for (int i = 0; i < GEN_N_REQUESTS; i++) {
		const struct gen_req *r = &a->req[i];
		buf_puts(out, "\n\"1\",\"Conduit\",");
		csv_quoted(out, gen_requests[i].name);
		buf_puts(out, ",\"");
		buf_puts(out, gen_requests[i].method);
		buf_puts(out, "\",");
		csv_quoted(out, r->url);
		buf_putc(out, ',');
		if (!r->errored) {
			csv_quoted(out, gen_http_reason(a, r->code));
			buf_putc(out, ',');
			csv_num(out, r->code);
			buf_putc(out, ',');
			csv_num(out, r->ms);
			buf_putc(out, ',');
			csv_num(out, r->size);
		} else {
			buf_puts(out, ",,,");
		}
		buf_putc(out, ',');
		csv_names(out, r, i, true);
		buf_putc(out, ',');
		csv_names(out, r, i, false);
		buf_puts(out, ",,");
		csv_num(out, r->n_total);
		buf_putc(out, ',');
		csv_num(out, r->n_pass);
		buf_putc(out, ',');
		csv_num(out, r->n_total - r->n_pass);
		buf_puts(out, ",\"0\"");
	}
}
