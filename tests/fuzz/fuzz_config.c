/* fuzz_config.c: the configuration language (bind, color, set). */
#include "config.h"

#include "benchtop/action.h"
#include "benchtop/colors.h"

#include "fuzz.h"

int
fuzz_config(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct keymap km;
	struct ui_colors colors;
	struct config_settings set = {false, false, false, false};
	struct bt_error err;

	keymap_init(&km);
	colors_default(&colors, size % 2 ? 256 : 8);
	config_apply(&km, &colors, &set, copy, size, "fuzz.conf", &err);
	FUZZ_CHECK(km.n <= KEYMAP_MAX_BINDINGS);
	for (size_t i = 0; i < km.n; i++)
		FUZZ_CHECK(memchr(km.b[i].view, '\0', sizeof(km.b[i].view)) != NULL);
	free(copy);
	return 0;
}
