/* The action list, key names, the keymap and the config language. */
#include "config.h"

#include <string.h>

#include "benchtop/action.h"
#include "benchtop/colors.h"
#include "tap.h"

int
main(void)
{
	size_t len;
	char name[32];
	struct keymap km;
	struct ui_colors uc;
	struct bt_error err;
	struct config_settings set = {false, false, false, false};
	struct buf b;

	tap_is_int(keys_parse("j", &len), 'j', "a letter");
	tap_is_int(keys_parse("<Enter>", &len), K_ENTER, "<Enter>");
	tap_is_int(len, 7, "<Enter> is 7 characters");
	tap_is_int(keys_parse("<C-d>", &len), 4, "<C-d> is 4");
	tap_is_int(keys_parse("<Space>", &len), ' ', "<Space>");
	tap_is_int(keys_parse("<F1>", &len), K_F1, "<F1>");
	tap_is_int(keys_parse("<Nope>", &len), -1, "an unknown name");
	tap_is_int(keys_parse("\xc3\xa9", &len), 0xe9, "a UTF-8 character");
	const int keys[] = {'j', K_ENTER, 4, ' ', K_PGDN, '<', K_F12};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		keys_name(keys[i], name, sizeof(name));
		tap_is_int(keys_parse(name, &len), keys[i], "key names round-trip");
	}

	/* every action has a unique name, and a help text */
	bool unique = true, helped = true;
	for (int a = 1; a < ACT_COUNT; a++) {
		helped &= action_table[a].help[0] != '\0';
		for (int b2 = a + 1; b2 < ACT_COUNT; b2++)
			unique &= strcmp(action_table[a].name, action_table[b2].name) != 0;
		unique &= action_from_name(action_table[a].name) == (enum action)a;
	}
	tap_ok(unique, "action names are unique and found by name");
	tap_ok(helped, "every action has help");

	keymap_init(&km);
	tap_is_int(keymap_lookup(&km, "runs", 'j'), ACT_DOWN, "j moves down everywhere");
	tap_is_int(keymap_lookup(&km, "plot", 'm'), ACT_METRIC, "m cycles the metric in the plot");
	tap_is_int(keymap_lookup(&km, "runs", 'm'), ACT_NONE, "but does nothing in the runs view");
	tap_is_int(keymap_lookup(&km, "runs", '\r'), ACT_ENTER, "CR is Enter");
	keymap_bind(&km, "plot", 'j', ACT_METRIC);
	tap_is_int(keymap_lookup(&km, "plot", 'j'), ACT_METRIC, "a view binding beats the generic one");
	tap_is_int(keymap_lookup(&km, "tasks", 'j'), ACT_DOWN, "only in its view");
	buf_init(&b);
	keymap_keys_for(&km, "plot", ACT_DOWN, &b);
	tap_is_str(b.data, "<Down>", "the help lists only keys that reach the action");
	buf_free(&b);

	keymap_init(&km);
	colors_default(&uc, 8);
	const char cfg[] = "# comment\n\nbind x back\nbind plot <C-n> cycle-metric\nbind q none\n"
			   "color cursor black yellow bold\nset ascii true\n";
	tap_is_int(config_apply(&km, &uc, &set, cfg, strlen(cfg), "cfg", &err), BT_OK,
		   "a valid configuration applies");
	tap_is_int(keymap_lookup(&km, "runs", 'x'), ACT_BACK, "bind x back");
	tap_is_int(keymap_lookup(&km, "plot", 14), ACT_METRIC, "bind plot <C-n>");
	tap_is_int(keymap_lookup(&km, "runs", 'q'), ACT_NONE, "bind q none unbinds");
	tap_ok(uc.c[COL_CURSOR].fg == 0 && uc.c[COL_CURSOR].bg == 3 && uc.c[COL_CURSOR].attr == CA_BOLD,
	       "color cursor black yellow bold");
	tap_ok(set.ascii, "set ascii true");
	tap_ok(!set.mouse, "the mouse is off unless asked for");
	const char mouse[] = "set mouse = yes\n";
	tap_is_int(config_apply(&km, &uc, &set, mouse, strlen(mouse), "cfg", &err), BT_OK,
		   "set mouse = yes");
	tap_ok(set.mouse, "set mouse = yes turns mouse tracking on");
	const char mouse_off[] = "set mouse no\n";
	config_apply(&km, &uc, &set, mouse_off, strlen(mouse_off), "cfg", &err);
	tap_ok(!set.mouse, "set mouse no turns it off");
	const char badset[] = "set mouse maybe\n";
	tap_is_int(config_apply(&km, &uc, &set, badset, strlen(badset), "cfg", &err), BT_EINPUT,
		   "set mouse maybe");
	tap_is_str(err.msg, "cfg:1: 'set mouse' takes yes or no (true or false)", "says what it takes");
	const char bad[] = "bind x back\nbind y\n";
	tap_is_int(config_apply(&km, &uc, &set, bad, strlen(bad), "cfg", &err), BT_EINPUT, "bad line");
	tap_is_str(err.msg, "cfg:2: expected 'bind [VIEW] KEY ACTION'", "file and line");
	const char set_eq[] = "set auto_reload = no\n";
	set.auto_reload = true;
	tap_is_int(config_apply(&km, &uc, &set, set_eq, strlen(set_eq), "cfg", &err), BT_OK,
		   "set auto_reload = no");
	tap_ok(!set.auto_reload, "set auto_reload = no keeps the explorer still");
	const char set_bad[] = "set auto_reload sometimes\n";
	tap_is_int(config_apply(&km, &uc, &set, set_bad, strlen(set_bad), "cfg", &err), BT_EINPUT,
		   "set auto_reload sometimes");
	tap_is_str(err.msg, "cfg:1: 'set auto_reload' takes yes or no (true or false)",
		   "the error names the option");
	const char badc[] = "color series-9 red\n";
	tap_is_int(config_apply(&km, &uc, &set, badc, strlen(badc), "cfg", &err), BT_EINPUT,
		   "an unknown element");

	/* set journal: checked here, read by the commands that open the store */
	const char jcfg[] = "set ascii = false\nset journal wal\nset journal = delete\r\n";
	char value[16];
	set.ascii = true;
	tap_is_int(config_apply(&km, &uc, &set, jcfg, strlen(jcfg), "cfg", &err), BT_OK,
		   "set journal, and set NAME = VALUE");
	tap_ok(!set.ascii, "set ascii = false");
	tap_ok(config_setting(jcfg, strlen(jcfg), "journal", value, sizeof(value)) &&
		       strcmp(value, "delete") == 0, "the last 'set journal' counts, CR and all");
	tap_ok(!config_setting(cfg, strlen(cfg), "journal", value, sizeof(value)),
	       "no 'set journal': nothing");
	const char badj[] = "set journal fast\n";
	tap_is_int(config_apply(&km, &uc, &set, badj, strlen(badj), "cfg", &err), BT_EINPUT,
		   "an unknown journal");
	tap_is_str(err.msg, "cfg:1: 'set journal' takes wal, delete or auto", "says which");

	/* Escape never quits; q does (on the first view) */
	keymap_init(&km);
	tap_is_int(keymap_lookup(&km, "runs", K_ESC), ACT_ESCAPE, "Esc is escape, not back");
	tap_is_int(keymap_lookup(&km, "runs", 'q'), ACT_BACK, "q is back");
	keys_name('<', name, sizeof(name));
	tap_is_str(name, "<", "the help shows < as <, not <Lt>");
	tap_is_int(keys_parse("<Lt>", &len), '<', "the config still reads <Lt>");

	/* Home and End in every terminal's spelling, whatever $TERM says */
	static const struct {
		const char *seq;
		int key;
	} seqs[] = {
		{"[1~", K_HOME}, {"[7~", K_HOME}, {"[H", K_HOME}, {"OH", K_HOME}, {"[1;5H", K_HOME},
		{"[4~", K_END}, {"[8~", K_END}, {"[F", K_END}, {"OF", K_END}, {"[A", K_UP},
		{"OB", K_DOWN}, {"[5~", K_PGUP}, {"[6~", K_PGDN}, {"[3~", K_DELETE}, {"[Z", K_BTAB},
		{"[99~", -1}, {"[1;5X", -1}, {"[200~", -1}, {"[?1h", -1}, {"Ox", -1}, {"[", -1},
	};
	for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		char what[64];
		snprintf(what, sizeof(what), "ESC %s decodes to %d", seqs[i].seq, seqs[i].key);
		tap_is_int(keys_decode_escape(seqs[i].seq, strlen(seqs[i].seq)), seqs[i].key, what);
	}

	/* colours: eight series told apart even with eight colours */
	colors_default(&uc, 8);
	bool distinct = true;
	for (int i = 0; i < 8; i++)
		for (int j = i + 1; j < 8; j++)
			distinct &= !(uc.c[colors_series(i)].fg == uc.c[colors_series(j)].fg &&
				      uc.c[colors_series(i)].attr == uc.c[colors_series(j)].attr);
	tap_ok(distinct, "8 colours: every series has its own colour or attribute");
	colors_default(&uc, 0);
	tap_ok(uc.c[COL_CURSOR].attr & CA_REVERSE, "monochrome: the cursor is reverse video");
	tap_ok(uc.c[COL_TITLE].fg == -1, "monochrome: no colours at all");
	tap_is_int(colors_heat(0.3), COL_HEAT0, "heat: worst bucket");
	tap_is_int(colors_heat(0.97), COL_HEAT4, "heat: best bucket");
	return tap_done();
}
