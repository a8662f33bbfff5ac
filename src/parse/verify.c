/* verify.c: the benchmark's three static verifiers (upstream-format.md
 * section 5), with upstream's rules and reason strings, plus the evidence
 * behind each verdict for the diff viewer.
 *
 * Upstream (constraint_decay/verifiers.py) runs Python `re` patterns over
 * the patch read as text: UTF-8 with errors="replace", universal newlines,
 * split with str.splitlines().  We never build that string.  We match the
 * bytes with one small hand-written matcher per pattern, decode UTF-8 only
 * where a pattern asks for a character class (\s, \w, \b), and keep every
 * matcher linear in the patch size.  Each pattern is quoted next to its
 * matcher so the two can be compared.
 *
 * The label set and the Go/Rust forms follow the upstream source, which
 * has more of them than the spec lists (the spec leaves them out because
 * the benchmark only has Python and Node tasks, but they still match
 * Python and JS text, e.g. `database ... 'postgres'`).
 */
#include "config.h"

#include "benchtop/verify.h"

#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/util.h"

#define NOPOS ((size_t)-1)
#define DETAIL_MAX 200

/* ------------------------------------------------------------ characters */

struct range {
	uint32_t lo, hi;
};

/* Code points above U+007F that re's \w matches in a str pattern
 * (str.isalnum() or '_'), Unicode 15.0 as in Python 3.12.  Generated with
 * [c for c in range(0x80, 0x110000) if chr(c).isalnum()], folded to ranges. */
static const struct range word_ranges[] = {
	{0xAA, 0xAA}, {0xB2, 0xB3}, {0xB5, 0xB5}, {0xB9, 0xBA}, {0xBC, 0xBE}, {0xC0, 0xD6},
	{0xD8, 0xF6}, {0xF8, 0x2C1}, {0x2C6, 0x2D1}, {0x2E0, 0x2E4}, {0x2EC, 0x2EC},
	{0x2EE, 0x2EE}, {0x370, 0x374}, {0x376, 0x377}, {0x37A, 0x37D}, {0x37F, 0x37F},
	{0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5},
	{0x3F7, 0x481}, {0x48A, 0x52F}, {0x531, 0x556}, {0x559, 0x559}, {0x560, 0x588},
	{0x5D0, 0x5EA}, {0x5EF, 0x5F2}, {0x620, 0x64A}, {0x660, 0x669}, {0x66E, 0x66F},
	{0x671, 0x6D3}, {0x6D5, 0x6D5}, {0x6E5, 0x6E6}, {0x6EE, 0x6FC}, {0x6FF, 0x6FF},
	{0x710, 0x710}, {0x712, 0x72F}, {0x74D, 0x7A5}, {0x7B1, 0x7B1}, {0x7C0, 0x7EA},
	{0x7F4, 0x7F5}, {0x7FA, 0x7FA}, {0x800, 0x815}, {0x81A, 0x81A}, {0x824, 0x824},
	{0x828, 0x828}, {0x840, 0x858}, {0x860, 0x86A}, {0x870, 0x887}, {0x889, 0x88E},
	{0x8A0, 0x8C9}, {0x904, 0x939}, {0x93D, 0x93D}, {0x950, 0x950}, {0x958, 0x961},
	{0x966, 0x96F}, {0x971, 0x980}, {0x985, 0x98C}, {0x98F, 0x990}, {0x993, 0x9A8},
	{0x9AA, 0x9B0}, {0x9B2, 0x9B2}, {0x9B6, 0x9B9}, {0x9BD, 0x9BD}, {0x9CE, 0x9CE},
	{0x9DC, 0x9DD}, {0x9DF, 0x9E1}, {0x9E6, 0x9F1}, {0x9F4, 0x9F9}, {0x9FC, 0x9FC},
	{0xA05, 0xA0A}, {0xA0F, 0xA10}, {0xA13, 0xA28}, {0xA2A, 0xA30}, {0xA32, 0xA33},
	{0xA35, 0xA36}, {0xA38, 0xA39}, {0xA59, 0xA5C}, {0xA5E, 0xA5E}, {0xA66, 0xA6F},
	{0xA72, 0xA74}, {0xA85, 0xA8D}, {0xA8F, 0xA91}, {0xA93, 0xAA8}, {0xAAA, 0xAB0},
	{0xAB2, 0xAB3}, {0xAB5, 0xAB9}, {0xABD, 0xABD}, {0xAD0, 0xAD0}, {0xAE0, 0xAE1},
	{0xAE6, 0xAEF}, {0xAF9, 0xAF9}, {0xB05, 0xB0C}, {0xB0F, 0xB10}, {0xB13, 0xB28},
	{0xB2A, 0xB30}, {0xB32, 0xB33}, {0xB35, 0xB39}, {0xB3D, 0xB3D}, {0xB5C, 0xB5D},
	{0xB5F, 0xB61}, {0xB66, 0xB6F}, {0xB71, 0xB77}, {0xB83, 0xB83}, {0xB85, 0xB8A},
	{0xB8E, 0xB90}, {0xB92, 0xB95}, {0xB99, 0xB9A}, {0xB9C, 0xB9C}, {0xB9E, 0xB9F},
	{0xBA3, 0xBA4}, {0xBA8, 0xBAA}, {0xBAE, 0xBB9}, {0xBD0, 0xBD0}, {0xBE6, 0xBF2},
	{0xC05, 0xC0C}, {0xC0E, 0xC10}, {0xC12, 0xC28}, {0xC2A, 0xC39}, {0xC3D, 0xC3D},
	{0xC58, 0xC5A}, {0xC5D, 0xC5D}, {0xC60, 0xC61}, {0xC66, 0xC6F}, {0xC78, 0xC7E},
	{0xC80, 0xC80}, {0xC85, 0xC8C}, {0xC8E, 0xC90}, {0xC92, 0xCA8}, {0xCAA, 0xCB3},
	{0xCB5, 0xCB9}, {0xCBD, 0xCBD}, {0xCDD, 0xCDE}, {0xCE0, 0xCE1}, {0xCE6, 0xCEF},
	{0xCF1, 0xCF2}, {0xD04, 0xD0C}, {0xD0E, 0xD10}, {0xD12, 0xD3A}, {0xD3D, 0xD3D},
	{0xD4E, 0xD4E}, {0xD54, 0xD56}, {0xD58, 0xD61}, {0xD66, 0xD78}, {0xD7A, 0xD7F},
	{0xD85, 0xD96}, {0xD9A, 0xDB1}, {0xDB3, 0xDBB}, {0xDBD, 0xDBD}, {0xDC0, 0xDC6},
	{0xDE6, 0xDEF}, {0xE01, 0xE30}, {0xE32, 0xE33}, {0xE40, 0xE46}, {0xE50, 0xE59},
	{0xE81, 0xE82}, {0xE84, 0xE84}, {0xE86, 0xE8A}, {0xE8C, 0xEA3}, {0xEA5, 0xEA5},
	{0xEA7, 0xEB0}, {0xEB2, 0xEB3}, {0xEBD, 0xEBD}, {0xEC0, 0xEC4}, {0xEC6, 0xEC6},
	{0xED0, 0xED9}, {0xEDC, 0xEDF}, {0xF00, 0xF00}, {0xF20, 0xF33}, {0xF40, 0xF47},
	{0xF49, 0xF6C}, {0xF88, 0xF8C}, {0x1000, 0x102A}, {0x103F, 0x1049}, {0x1050, 0x1055},
	{0x105A, 0x105D}, {0x1061, 0x1061}, {0x1065, 0x1066}, {0x106E, 0x1070},
	{0x1075, 0x1081}, {0x108E, 0x108E}, {0x1090, 0x1099}, {0x10A0, 0x10C5},
	{0x10C7, 0x10C7}, {0x10CD, 0x10CD}, {0x10D0, 0x10FA}, {0x10FC, 0x1248},
	{0x124A, 0x124D}, {0x1250, 0x1256}, {0x1258, 0x1258}, {0x125A, 0x125D},
	{0x1260, 0x1288}, {0x128A, 0x128D}, {0x1290, 0x12B0}, {0x12B2, 0x12B5},
	{0x12B8, 0x12BE}, {0x12C0, 0x12C0}, {0x12C2, 0x12C5}, {0x12C8, 0x12D6},
	{0x12D8, 0x1310}, {0x1312, 0x1315}, {0x1318, 0x135A}, {0x1369, 0x137C},
	{0x1380, 0x138F}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD}, {0x1401, 0x166C},
	{0x166F, 0x167F}, {0x1681, 0x169A}, {0x16A0, 0x16EA}, {0x16EE, 0x16F8},
	{0x1700, 0x1711}, {0x171F, 0x1731}, {0x1740, 0x1751}, {0x1760, 0x176C},
	{0x176E, 0x1770}, {0x1780, 0x17B3}, {0x17D7, 0x17D7}, {0x17DC, 0x17DC},
	{0x17E0, 0x17E9}, {0x17F0, 0x17F9}, {0x1810, 0x1819}, {0x1820, 0x1878},
	{0x1880, 0x1884}, {0x1887, 0x18A8}, {0x18AA, 0x18AA}, {0x18B0, 0x18F5},
	{0x1900, 0x191E}, {0x1946, 0x196D}, {0x1970, 0x1974}, {0x1980, 0x19AB},
	{0x19B0, 0x19C9}, {0x19D0, 0x19DA}, {0x1A00, 0x1A16}, {0x1A20, 0x1A54},
	{0x1A80, 0x1A89}, {0x1A90, 0x1A99}, {0x1AA7, 0x1AA7}, {0x1B05, 0x1B33},
	{0x1B45, 0x1B4C}, {0x1B50, 0x1B59}, {0x1B83, 0x1BA0}, {0x1BAE, 0x1BE5},
	{0x1C00, 0x1C23}, {0x1C40, 0x1C49}, {0x1C4D, 0x1C7D}, {0x1C80, 0x1C88},
	{0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF}, {0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3},
	{0x1CF5, 0x1CF6}, {0x1CFA, 0x1CFA}, {0x1D00, 0x1DBF}, {0x1E00, 0x1F15},
	{0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57},
	{0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D},
	{0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4},
	{0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC},
	{0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2070, 0x2071}, {0x2074, 0x2079},
	{0x207F, 0x2089}, {0x2090, 0x209C}, {0x2102, 0x2102}, {0x2107, 0x2107},
	{0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124},
	{0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2139},
	{0x213C, 0x213F}, {0x2145, 0x2149}, {0x214E, 0x214E}, {0x2150, 0x2189},
	{0x2460, 0x249B}, {0x24EA, 0x24FF}, {0x2776, 0x2793}, {0x2C00, 0x2CE4},
	{0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0x2CFD, 0x2CFD}, {0x2D00, 0x2D25},
	{0x2D27, 0x2D27}, {0x2D2D, 0x2D2D}, {0x2D30, 0x2D67}, {0x2D6F, 0x2D6F},
	{0x2D80, 0x2D96}, {0x2DA0, 0x2DA6}, {0x2DA8, 0x2DAE}, {0x2DB0, 0x2DB6},
	{0x2DB8, 0x2DBE}, {0x2DC0, 0x2DC6}, {0x2DC8, 0x2DCE}, {0x2DD0, 0x2DD6},
	{0x2DD8, 0x2DDE}, {0x2E2F, 0x2E2F}, {0x3005, 0x3007}, {0x3021, 0x3029},
	{0x3031, 0x3035}, {0x3038, 0x303C}, {0x3041, 0x3096}, {0x309D, 0x309F},
	{0x30A1, 0x30FA}, {0x30FC, 0x30FF}, {0x3105, 0x312F}, {0x3131, 0x318E},
	{0x3192, 0x3195}, {0x31A0, 0x31BF}, {0x31F0, 0x31FF}, {0x3220, 0x3229},
	{0x3248, 0x324F}, {0x3251, 0x325F}, {0x3280, 0x3289}, {0x32B1, 0x32BF},
	{0x3400, 0x4DBF}, {0x4E00, 0xA48C}, {0xA4D0, 0xA4FD}, {0xA500, 0xA60C},
	{0xA610, 0xA62B}, {0xA640, 0xA66E}, {0xA67F, 0xA69D}, {0xA6A0, 0xA6EF},
	{0xA717, 0xA71F}, {0xA722, 0xA788}, {0xA78B, 0xA7CA}, {0xA7D0, 0xA7D1},
	{0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9}, {0xA7F2, 0xA801}, {0xA803, 0xA805},
	{0xA807, 0xA80A}, {0xA80C, 0xA822}, {0xA830, 0xA835}, {0xA840, 0xA873},
	{0xA882, 0xA8B3}, {0xA8D0, 0xA8D9}, {0xA8F2, 0xA8F7}, {0xA8FB, 0xA8FB},
	{0xA8FD, 0xA8FE}, {0xA900, 0xA925}, {0xA930, 0xA946}, {0xA960, 0xA97C},
	{0xA984, 0xA9B2}, {0xA9CF, 0xA9D9}, {0xA9E0, 0xA9E4}, {0xA9E6, 0xA9FE},
	{0xAA00, 0xAA28}, {0xAA40, 0xAA42}, {0xAA44, 0xAA4B}, {0xAA50, 0xAA59},
	{0xAA60, 0xAA76}, {0xAA7A, 0xAA7A}, {0xAA7E, 0xAAAF}, {0xAAB1, 0xAAB1},
	{0xAAB5, 0xAAB6}, {0xAAB9, 0xAABD}, {0xAAC0, 0xAAC0}, {0xAAC2, 0xAAC2},
	{0xAADB, 0xAADD}, {0xAAE0, 0xAAEA}, {0xAAF2, 0xAAF4}, {0xAB01, 0xAB06},
	{0xAB09, 0xAB0E}, {0xAB11, 0xAB16}, {0xAB20, 0xAB26}, {0xAB28, 0xAB2E},
	{0xAB30, 0xAB5A}, {0xAB5C, 0xAB69}, {0xAB70, 0xABE2}, {0xABF0, 0xABF9},
	{0xAC00, 0xD7A3}, {0xD7B0, 0xD7C6}, {0xD7CB, 0xD7FB}, {0xF900, 0xFA6D},
	{0xFA70, 0xFAD9}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17}, {0xFB1D, 0xFB1D},
	{0xFB1F, 0xFB28}, {0xFB2A, 0xFB36}, {0xFB38, 0xFB3C}, {0xFB3E, 0xFB3E},
	{0xFB40, 0xFB41}, {0xFB43, 0xFB44}, {0xFB46, 0xFBB1}, {0xFBD3, 0xFD3D},
	{0xFD50, 0xFD8F}, {0xFD92, 0xFDC7}, {0xFDF0, 0xFDFB}, {0xFE70, 0xFE74},
	{0xFE76, 0xFEFC}, {0xFF10, 0xFF19}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A},
	{0xFF66, 0xFFBE}, {0xFFC2, 0xFFC7}, {0xFFCA, 0xFFCF}, {0xFFD2, 0xFFD7},
	{0xFFDA, 0xFFDC}, {0x10000, 0x1000B}, {0x1000D, 0x10026}, {0x10028, 0x1003A},
	{0x1003C, 0x1003D}, {0x1003F, 0x1004D}, {0x10050, 0x1005D}, {0x10080, 0x100FA},
	{0x10107, 0x10133}, {0x10140, 0x10178}, {0x1018A, 0x1018B}, {0x10280, 0x1029C},
	{0x102A0, 0x102D0}, {0x102E1, 0x102FB}, {0x10300, 0x10323}, {0x1032D, 0x1034A},
	{0x10350, 0x10375}, {0x10380, 0x1039D}, {0x103A0, 0x103C3}, {0x103C8, 0x103CF},
	{0x103D1, 0x103D5}, {0x10400, 0x1049D}, {0x104A0, 0x104A9}, {0x104B0, 0x104D3},
	{0x104D8, 0x104FB}, {0x10500, 0x10527}, {0x10530, 0x10563}, {0x10570, 0x1057A},
	{0x1057C, 0x1058A}, {0x1058C, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105A1},
	{0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC}, {0x10600, 0x10736},
	{0x10740, 0x10755}, {0x10760, 0x10767}, {0x10780, 0x10785}, {0x10787, 0x107B0},
	{0x107B2, 0x107BA}, {0x10800, 0x10805}, {0x10808, 0x10808}, {0x1080A, 0x10835},
	{0x10837, 0x10838}, {0x1083C, 0x1083C}, {0x1083F, 0x10855}, {0x10858, 0x10876},
	{0x10879, 0x1089E}, {0x108A7, 0x108AF}, {0x108E0, 0x108F2}, {0x108F4, 0x108F5},
	{0x108FB, 0x1091B}, {0x10920, 0x10939}, {0x10980, 0x109B7}, {0x109BC, 0x109CF},
	{0x109D2, 0x10A00}, {0x10A10, 0x10A13}, {0x10A15, 0x10A17}, {0x10A19, 0x10A35},
	{0x10A40, 0x10A48}, {0x10A60, 0x10A7E}, {0x10A80, 0x10A9F}, {0x10AC0, 0x10AC7},
	{0x10AC9, 0x10AE4}, {0x10AEB, 0x10AEF}, {0x10B00, 0x10B35}, {0x10B40, 0x10B55},
	{0x10B58, 0x10B72}, {0x10B78, 0x10B91}, {0x10BA9, 0x10BAF}, {0x10C00, 0x10C48},
	{0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x10CFA, 0x10D23}, {0x10D30, 0x10D39},
	{0x10E60, 0x10E7E}, {0x10E80, 0x10EA9}, {0x10EB0, 0x10EB1}, {0x10F00, 0x10F27},
	{0x10F30, 0x10F45}, {0x10F51, 0x10F54}, {0x10F70, 0x10F81}, {0x10FB0, 0x10FCB},
	{0x10FE0, 0x10FF6}, {0x11003, 0x11037}, {0x11052, 0x1106F}, {0x11071, 0x11072},
	{0x11075, 0x11075}, {0x11083, 0x110AF}, {0x110D0, 0x110E8}, {0x110F0, 0x110F9},
	{0x11103, 0x11126}, {0x11136, 0x1113F}, {0x11144, 0x11144}, {0x11147, 0x11147},
	{0x11150, 0x11172}, {0x11176, 0x11176}, {0x11183, 0x111B2}, {0x111C1, 0x111C4},
	{0x111D0, 0x111DA}, {0x111DC, 0x111DC}, {0x111E1, 0x111F4}, {0x11200, 0x11211},
	{0x11213, 0x1122B}, {0x1123F, 0x11240}, {0x11280, 0x11286}, {0x11288, 0x11288},
	{0x1128A, 0x1128D}, {0x1128F, 0x1129D}, {0x1129F, 0x112A8}, {0x112B0, 0x112DE},
	{0x112F0, 0x112F9}, {0x11305, 0x1130C}, {0x1130F, 0x11310}, {0x11313, 0x11328},
	{0x1132A, 0x11330}, {0x11332, 0x11333}, {0x11335, 0x11339}, {0x1133D, 0x1133D},
	{0x11350, 0x11350}, {0x1135D, 0x11361}, {0x11400, 0x11434}, {0x11447, 0x1144A},
	{0x11450, 0x11459}, {0x1145F, 0x11461}, {0x11480, 0x114AF}, {0x114C4, 0x114C5},
	{0x114C7, 0x114C7}, {0x114D0, 0x114D9}, {0x11580, 0x115AE}, {0x115D8, 0x115DB},
	{0x11600, 0x1162F}, {0x11644, 0x11644}, {0x11650, 0x11659}, {0x11680, 0x116AA},
	{0x116B8, 0x116B8}, {0x116C0, 0x116C9}, {0x11700, 0x1171A}, {0x11730, 0x1173B},
	{0x11740, 0x11746}, {0x11800, 0x1182B}, {0x118A0, 0x118F2}, {0x118FF, 0x11906},
	{0x11909, 0x11909}, {0x1190C, 0x11913}, {0x11915, 0x11916}, {0x11918, 0x1192F},
	{0x1193F, 0x1193F}, {0x11941, 0x11941}, {0x11950, 0x11959}, {0x119A0, 0x119A7},
	{0x119AA, 0x119D0}, {0x119E1, 0x119E1}, {0x119E3, 0x119E3}, {0x11A00, 0x11A00},
	{0x11A0B, 0x11A32}, {0x11A3A, 0x11A3A}, {0x11A50, 0x11A50}, {0x11A5C, 0x11A89},
	{0x11A9D, 0x11A9D}, {0x11AB0, 0x11AF8}, {0x11C00, 0x11C08}, {0x11C0A, 0x11C2E},
	{0x11C40, 0x11C40}, {0x11C50, 0x11C6C}, {0x11C72, 0x11C8F}, {0x11D00, 0x11D06},
	{0x11D08, 0x11D09}, {0x11D0B, 0x11D30}, {0x11D46, 0x11D46}, {0x11D50, 0x11D59},
	{0x11D60, 0x11D65}, {0x11D67, 0x11D68}, {0x11D6A, 0x11D89}, {0x11D98, 0x11D98},
	{0x11DA0, 0x11DA9}, {0x11EE0, 0x11EF2}, {0x11F02, 0x11F02}, {0x11F04, 0x11F10},
	{0x11F12, 0x11F33}, {0x11F50, 0x11F59}, {0x11FB0, 0x11FB0}, {0x11FC0, 0x11FD4},
	{0x12000, 0x12399}, {0x12400, 0x1246E}, {0x12480, 0x12543}, {0x12F90, 0x12FF0},
	{0x13000, 0x1342F}, {0x13441, 0x13446}, {0x14400, 0x14646}, {0x16800, 0x16A38},
	{0x16A40, 0x16A5E}, {0x16A60, 0x16A69}, {0x16A70, 0x16ABE}, {0x16AC0, 0x16AC9},
	{0x16AD0, 0x16AED}, {0x16B00, 0x16B2F}, {0x16B40, 0x16B43}, {0x16B50, 0x16B59},
	{0x16B5B, 0x16B61}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F}, {0x16E40, 0x16E96},
	{0x16F00, 0x16F4A}, {0x16F50, 0x16F50}, {0x16F93, 0x16F9F}, {0x16FE0, 0x16FE1},
	{0x16FE3, 0x16FE3}, {0x17000, 0x187F7}, {0x18800, 0x18CD5}, {0x18D00, 0x18D08},
	{0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122},
	{0x1B132, 0x1B132}, {0x1B150, 0x1B152}, {0x1B155, 0x1B155}, {0x1B164, 0x1B167},
	{0x1B170, 0x1B2FB}, {0x1BC00, 0x1BC6A}, {0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88},
	{0x1BC90, 0x1BC99}, {0x1D2C0, 0x1D2D3}, {0x1D2E0, 0x1D2F3}, {0x1D360, 0x1D378},
	{0x1D400, 0x1D454}, {0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F}, {0x1D4A2, 0x1D4A2},
	{0x1D4A5, 0x1D4A6}, {0x1D4A9, 0x1D4AC}, {0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB},
	{0x1D4BD, 0x1D4C3}, {0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A}, {0x1D50D, 0x1D514},
	{0x1D516, 0x1D51C}, {0x1D51E, 0x1D539}, {0x1D53B, 0x1D53E}, {0x1D540, 0x1D544},
	{0x1D546, 0x1D546}, {0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D6C0},
	{0x1D6C2, 0x1D6DA}, {0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714}, {0x1D716, 0x1D734},
	{0x1D736, 0x1D74E}, {0x1D750, 0x1D76E}, {0x1D770, 0x1D788}, {0x1D78A, 0x1D7A8},
	{0x1D7AA, 0x1D7C2}, {0x1D7C4, 0x1D7CB}, {0x1D7CE, 0x1D7FF}, {0x1DF00, 0x1DF1E},
	{0x1DF25, 0x1DF2A}, {0x1E030, 0x1E06D}, {0x1E100, 0x1E12C}, {0x1E137, 0x1E13D},
	{0x1E140, 0x1E149}, {0x1E14E, 0x1E14E}, {0x1E290, 0x1E2AD}, {0x1E2C0, 0x1E2EB},
	{0x1E2F0, 0x1E2F9}, {0x1E4D0, 0x1E4EB}, {0x1E4F0, 0x1E4F9}, {0x1E7E0, 0x1E7E6},
	{0x1E7E8, 0x1E7EB}, {0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE}, {0x1E800, 0x1E8C4},
	{0x1E8C7, 0x1E8CF}, {0x1E900, 0x1E943}, {0x1E94B, 0x1E94B}, {0x1E950, 0x1E959},
	{0x1EC71, 0x1ECAB}, {0x1ECAD, 0x1ECAF}, {0x1ECB1, 0x1ECB4}, {0x1ED01, 0x1ED2D},
	{0x1ED2F, 0x1ED3D}, {0x1EE00, 0x1EE03}, {0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22},
	{0x1EE24, 0x1EE24}, {0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32}, {0x1EE34, 0x1EE37},
	{0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B}, {0x1EE42, 0x1EE42}, {0x1EE47, 0x1EE47},
	{0x1EE49, 0x1EE49}, {0x1EE4B, 0x1EE4B}, {0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52},
	{0x1EE54, 0x1EE54}, {0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59}, {0x1EE5B, 0x1EE5B},
	{0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F}, {0x1EE61, 0x1EE62}, {0x1EE64, 0x1EE64},
	{0x1EE67, 0x1EE6A}, {0x1EE6C, 0x1EE72}, {0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C},
	{0x1EE7E, 0x1EE7E}, {0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B}, {0x1EEA1, 0x1EEA3},
	{0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB}, {0x1F100, 0x1F10C}, {0x1FBF0, 0x1FBF9},
	{0x20000, 0x2A6DF}, {0x2A700, 0x2B739}, {0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1},
	{0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D}, {0x30000, 0x3134A}, {0x31350, 0x323AF},
};

/* Decode the code point at s[i] the way Python's UTF-8 decoder does.  An
 * invalid byte gives U+FFFD and a length of 1 (Python may fold a few
 * invalid bytes into one U+FFFD, which never changes a character class). */
static size_t
u8_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + i;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len = 0;
	uint32_t c = 0;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
		lo = u[0] == 0xE0 ? 0xA0 : 0x80;
		hi = u[0] == 0xED ? 0x9F : 0xBF;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
		lo = u[0] == 0xF0 ? 0x90 : 0x80;
		hi = u[0] == 0xF4 ? 0x8F : 0xBF;
	}
	if (len == 0 || n - i < len || u[1] < lo || u[1] > hi)
		goto invalid;
	for (size_t k = 1; k < len; k++) {
		if (k > 1 && (u[k] & 0xC0) != 0x80)
			goto invalid;
		c = c << 6 | (u[k] & 0x3F);
	}
	*cp = c;
	return len;
invalid:
	*cp = 0xFFFD;
	return 1;
}

/* The code point that ends just before s[i] (i > 0). */
static uint32_t
cp_before(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i - 1;
	uint32_t c;

	while (j > 0 && i - j < 4 && (u[j] & 0xC0) == 0x80)
		j--;
	return u8_at(s, i, j, &c) == i - j ? c : 0xFFFD;
}

/* re's \s for str patterns: str.isspace(). */
static bool
cp_space(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
	return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* re's \w for str patterns. */
static bool
cp_word(uint32_t c)
{
	size_t lo = 0, hi = sizeof(word_ranges) / sizeof(word_ranges[0]);

	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		       c == '_';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < word_ranges[mid].lo)
			hi = mid;
		else if (c > word_ranges[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Byte length of the whitespace character at s[i]; 0 when there is none. */
static size_t
space_at(const char *s, size_t n, size_t i)
{
	uint32_t c;
	size_t len;

	if (i >= n)
		return 0;
	len = u8_at(s, n, i, &c);
	return cp_space(c) ? len : 0;
}

static size_t
skip_space(const char *s, size_t n, size_t i)
{
	size_t len;

	while ((len = space_at(s, n, i)))
		i += len;
	return i;
}

/* Skip a run of \w, or of [\w.] / [\w:] when `extra` is '.' or ':'. */
static size_t
skip_word(const char *s, size_t n, size_t i, char extra)
{
	while (i < n) {
		uint32_t c;
		size_t len = u8_at(s, n, i, &c);

		if (!cp_word(c) && (extra == '\0' || s[i] != extra))
			break;
		i += len;
	}
	return i;
}

/* \b: a word character on exactly one side of position i. */
static bool
at_boundary(const char *s, size_t n, size_t i)
{
	bool before = i > 0 && cp_word(cp_before(s, i)), after = false;
	uint32_t c;

	if (i < n) {
		u8_at(s, n, i, &c);
		after = cp_word(c);
	}
	return before != after;
}

static bool
is_quote(char c)
{
	return c == '\'' || c == '"';
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

/* The literal at s[i] (case-sensitive): its end, or NOPOS. */
static size_t
cs_at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t len = strlen(lit);

	return n - i >= len && memcmp(s + i, lit, len) == 0 ? i + len : NOPOS;
}

/* Under re.I a few non-ASCII letters match ASCII ones: U+017F matches s,
 * U+0130 and U+0131 match i, U+212A (Kelvin) matches k.  Returns the
 * length of such a letter standing for `want` at s[i], else 0. */
static size_t
fold_at(const char *s, size_t n, size_t i, char want)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t avail = n - i;

	if (want == 's' && avail >= 2 && u[0] == 0xC5 && u[1] == 0xBF)
		return 2;
	if (want == 'i' && avail >= 2 && u[0] == 0xC4 && (u[1] == 0xB0 || u[1] == 0xB1))
		return 2;
	if (want == 'k' && avail >= 3 && u[0] == 0xE2 && u[1] == 0x84 && u[2] == 0xAA)
		return 3;
	return 0;
}

static unsigned char
fold_lead(char want)
{
	return want == 's' ? 0xC5 : want == 'i' ? 0xC4 : want == 'k' ? 0xE2 : 0;
}

/* The literal (written in lowercase) at s[i] under re.I: its end, or NOPOS. */
static size_t
ci_at(const char *s, size_t n, size_t i, const char *lit)
{
	for (; *lit; lit++) {
		size_t len;

		if (i >= n)
			return NOPOS;
		if (ascii_lower(s[i]) == *lit)
			i++;
		else if ((len = fold_at(s, n, i, *lit)))
			i += len;
		else
			return NOPOS;
	}
	return i;
}

/* First occurrence of lit at or after `from`; sets *end.  NOPOS if none. */
static size_t
find_cs(const char *s, size_t n, size_t from, const char *lit, size_t *end)
{
	size_t len = strlen(lit);
	const char *hit;

	if (from >= n)
		return NOPOS;
	hit = memmem(s + from, n - from, lit, len);
	if (!hit)
		return NOPOS;
	*end = (size_t)(hit - s) + len;
	return (size_t)(hit - s);
}

/* ------------------------------------------------------------ the patch */

/* One added line: where it sits in p->text and in the patch. */
struct vp_line {
	size_t off;
	int line;      /* 1-based patch line */
	unsigned file; /* index in p->contents */
};

/* A touched file: a "diff --git a/X b/" line (upstream's file list). */
struct vp_file {
	char *path;
	size_t len;
	int line;
};

/* One entry of upstream's {path: added text} dict. */
struct vp_content {
	char *path;
	size_t len;
	size_t off, text_len; /* the added lines, joined by '\n', in p->text */
};

struct verify_patch {
	struct vp_file *files;
	size_t n_files, cap_files;
	struct vp_content *contents; /* dict order: first appearance */
	size_t n_contents;
	char *text;    /* every content's text joined by '\n', lock files last */
	size_t text_len;
	size_t db_len; /* the DB/ORM text: the prefix without the lock files */
	struct vp_line *lines;
	size_t n_lines, cap_lines;
};

/* A section of the patch from one header that splitlines() sees to the next. */
struct section {
	const char *path;
	size_t len;
	size_t body, end;  /* byte range of the lines after the header */
	int body_line;
	unsigned index;
};

struct parse_state {
	struct section *v;
	size_t n, cap;
};

/* End of the line at s[i] as str.splitlines() sees it after universal
 * newlines: \n, \r\n, \r, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029.
 * Sets the terminator length (0 at the end of the data), whether it ends
 * a physical line (where re's ^ matches: \n, \r\n or \r) and how many
 * '\n' bytes it holds (patch line numbers count those). */
static size_t
line_end(const char *s, size_t n, size_t i, size_t *brk, bool *physical, int *newlines)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t ones = UINT64_MAX / 255, highs = ones * 0x80;

	*physical = false;
	*newlines = 0;
	for (; i < n; i++) {
		unsigned char c;

		/* eight bytes at a time while none is below 0x1F, 0xC2 or 0xE2
		 * (patches are long; the test is the classic has-less/has-zero) */
		for (uint64_t x, y, z; i + 8 <= n; i += 8) {
			memcpy(&x, u + i, 8);
			y = x ^ (ones * 0xC2);
			z = x ^ (ones * 0xE2);
			if ((((x - ones * 0x1F) & ~x) | ((y - ones) & ~y) | ((z - ones) & ~z)) & highs)
				break;
		}
		if (i >= n)
			break;
		c = u[i];
		if (c > 0x1E && c != 0xC2 && c != 0xE2)
			continue;
		if (c == '\n' || c == '\r') {
			*physical = true;
			*brk = c == '\r' && i + 1 < n && u[i + 1] == '\n' ? 2 : 1;
			*newlines = c == '\n' || *brk == 2;
			return i;
		}
		if (c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E) {
			*brk = 1;
			return i;
		}
		if (c == 0xC2 && i + 1 < n && u[i + 1] == 0x85) {
			*brk = 2;
			return i;
		}
		if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
			*brk = 3;
			return i;
		}
	}
	*brk = 0;
	return n;
}

static int
clamp_line(size_t line)
{
	return line > INT_MAX ? INT_MAX : (int)line;
}

/* Pass 1: find the headers.  Upstream reads the file list with
 * re.finditer(r"^diff --git a/(.+?) b/", text, re.M), whose ^ and . only
 * know '\n', and the added text per file from str.splitlines(), which also
 * breaks at \v, \f and the rest: so a header counts for each when its own
 * kind of line starts with it. */
static void
parse_headers(struct verify_patch *p, struct parse_state *st, const char *s, size_t n)
{
	size_t i = 0, line = 1;
	bool physical = true;

	while (i < n) {
		size_t brk, le;
		bool next_physical;
		int newlines;
		const char *b = NULL;

		le = line_end(s, n, i, &brk, &next_physical, &newlines);
		if (le - i >= 13 && memcmp(s + i, "diff --git a/", 13) == 0) {
			/* (.+?) b/ : at least one character, then the first " b/" */
			if (le - i >= 17)
				b = memmem(s + i + 14, le - i - 14, " b/", 3);
			if (b) {
				struct section *sec;

				if (st->n)
					st->v[st->n - 1].end = i;
				BT_GROW(st->v, st->cap, st->n + 1);
				sec = &st->v[st->n];
				sec->path = s + i + 13;
				sec->len = (size_t)(b - sec->path);
				sec->body = le + brk;
				sec->end = n;
				sec->body_line = clamp_line(line + (size_t)newlines);
				sec->index = (unsigned)st->n++;
			}
			if (physical && !b) {
				size_t pe = le;

				while (pe < n && s[pe] != '\n' && s[pe] != '\r')
					pe++;
				if (pe - i >= 17)
					b = memmem(s + i + 14, pe - i - 14, " b/", 3);
			}
			if (physical && b) {
				struct vp_file *f;

				BT_GROW(p->files, p->cap_files, p->n_files + 1);
				f = &p->files[p->n_files++];
				f->len = (size_t)(b - (s + i + 13));
				f->path = xstrndup(s + i + 13, f->len);
				f->line = clamp_line(line);
			}
		}
		line += (size_t)newlines;
		physical = next_physical;
		if (brk == 0)
			break;
		i = le + brk;
	}
}

/* Raw bytes: Python compares the decoded text, where different invalid
 * bytes would all be U+FFFD; no real patch tells the two apart. */
static bool
same_path(const struct section *x, const struct section *y)
{
	return x->len == y->len && memcmp(x->path, y->path, x->len) == 0;
}

static int
cmp_section_path(const void *a, const void *b)
{
	const struct section *x = *(const struct section *const *)a;
	const struct section *y = *(const struct section *const *)b;
	size_t len = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->path, y->path, len);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* upstream keeps a dict: a path seen twice keeps its first place and the
 * text of its last section. */
struct dict_entry {
	unsigned first, last;
};

static int
cmp_dict_first(const void *a, const void *b)
{
	const struct dict_entry *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* PurePosixPath(path).name: the last component, ignoring empty and "."
 * components. */
static void
path_name(const char *path, size_t len, const char **name, size_t *name_len)
{
	size_t i = 0;

	*name = path;
	*name_len = 0;
	while (i < len) {
		size_t j = i;

		while (j < len && path[j] != '/')
			j++;
		if (j > i && !(j - i == 1 && path[i] == '.')) {
			*name = path + i;
			*name_len = j - i;
		}
		i = j + 1;
	}
}

/* The DB and ORM checks skip lock files (by base name). */
static bool
is_lock_file(const char *path, size_t len)
{
	static const char *const locks[] = {"package-lock.json", "yarn.lock", "pnpm-lock.yaml"};
	const char *name;
	size_t name_len;

	path_name(path, len, &name, &name_len);
	for (size_t i = 0; i < sizeof(locks) / sizeof(locks[0]); i++)
		if (name_len == strlen(locks[i]) && memcmp(name, locks[i], name_len) == 0)
			return true;
	return false;
}

/* Pass 2: copy one section's added lines ('+' lines other than "+++")
 * into p->text, joined by '\n'. */
static void
append_added(struct verify_patch *p, struct buf *text, const char *s, size_t n,
	     const struct section *sec, unsigned file)
{
	size_t i = sec->body, line = (size_t)sec->body_line;
	bool first = true;

	while (i < sec->end) {
		size_t brk, le;
		bool physical;
		int newlines;

		le = line_end(s, n, i, &brk, &physical, &newlines);
		if (le > i && s[i] == '+' && !(le - i >= 3 && s[i + 1] == '+' && s[i + 2] == '+')) {
			struct vp_line *l;

			if (!first)
				buf_putc(text, '\n');
			first = false;
			BT_GROW(p->lines, p->cap_lines, p->n_lines + 1);
			l = &p->lines[p->n_lines++];
			l->off = text->len;
			l->line = clamp_line(line);
			l->file = file;
			buf_append(text, s + i + 1, le - i - 1);
		}
		line += (size_t)newlines;
		if (brk == 0)
			break;
		i = le + brk;
	}
}

struct verify_patch *
verify_patch_parse(const char *data, size_t len)
{
	struct verify_patch *p = xcalloc(1, sizeof(*p));
	struct parse_state st = {0};
	struct section **sorted;
	struct dict_entry *dict;
	struct buf text;
	size_t n_dict = 0, placed = 0;

	buf_init(&text);
	if (!data)
		len = 0;
	parse_headers(p, &st, data, len);

	sorted = xreallocarray(NULL, st.n ? st.n : 1, sizeof(*sorted));
	dict = xreallocarray(NULL, st.n ? st.n : 1, sizeof(*dict));
	for (size_t i = 0; i < st.n; i++)
		sorted[i] = &st.v[i];
	qsort(sorted, st.n, sizeof(*sorted), cmp_section_path);
	for (size_t i = 0; i < st.n; i++) {
		if (i == 0 || !same_path(sorted[i - 1], sorted[i]))
			dict[n_dict++].first = sorted[i]->index;
		dict[n_dict - 1].last = sorted[i]->index;
	}
	qsort(dict, n_dict, sizeof(*dict), cmp_dict_first);

	p->contents = xcalloc(n_dict ? n_dict : 1, sizeof(*p->contents));
	p->n_contents = n_dict;
	for (size_t i = 0; i < n_dict; i++) {
		const struct section *sec = &st.v[dict[i].first];

		p->contents[i].path = xstrndup(sec->path, sec->len);
		p->contents[i].len = sec->len;
	}
	/* lock files last, so that the DB/ORM text is a prefix of the text */
	for (int lock = 0; lock < 2; lock++) {
		for (size_t i = 0; i < n_dict; i++) {
			struct vp_content *c = &p->contents[i];

			if (is_lock_file(c->path, c->len) != (lock == 1))
				continue;
			if (placed++)
				buf_putc(&text, '\n');
			c->off = text.len;
			append_added(p, &text, data, len, &st.v[dict[i].last], (unsigned)i);
			c->text_len = text.len - c->off;
		}
		if (lock == 0)
			p->db_len = text.len;
	}
	p->text_len = text.len;
	p->text = buf_steal(&text);
	free(sorted);
	free(dict);
	free(st.v);
	return p;
}

void
verify_patch_free(struct verify_patch *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_files; i++)
		free(p->files[i].path);
	for (size_t i = 0; i < p->n_contents; i++)
		free(p->contents[i].path);
	free(p->files);
	free(p->contents);
	free(p->text);
	free(p->lines);
	free(p);
}

size_t
verify_patch_file_count(const struct verify_patch *p)
{
	return p->n_files;
}

const char *
verify_patch_file_path(const struct verify_patch *p, size_t i)
{
	return i < p->n_files ? p->files[i].path : NULL;
}

/* ------------------------------------------------------------ evidence */

void
evidence_list_free(struct evidence_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].label);
		free(l->v[i].detail);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void
evidence_add(struct evidence_list *l, enum verifier_kind v, const char *file, int line,
	     const char *label, char *detail)
{
	struct evidence *e;

	BT_GROW(l->v, l->cap, l->n + 1);
	e = &l->v[l->n++];
	e->verifier = v;
	e->file = file ? xstrdup(file) : NULL;
	e->line = line;
	e->label = xstrdup(label);
	e->detail = detail;
}

/* The added line holding p->text[off]. */
static const struct vp_line *
line_at(const struct verify_patch *p, size_t off)
{
	size_t lo = 0, hi = p->n_lines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->lines[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &p->lines[lo - 1] : NULL;
}

/* Record which file and patch line gave `label`: the detail is `prefix`
 * and the line's text, trimmed, at most DETAIL_MAX bytes of it. */
static void
evidence_at(const struct verify_patch *p, struct evidence_list *l, enum verifier_kind v,
	    size_t off, const char *label, const char *prefix)
{
	const struct vp_line *ln;
	const char *t = p->text, *nl;
	size_t a, b;
	struct buf d;

	if (!l)
		return;
	ln = line_at(p, off);
	buf_init(&d);
	buf_puts(&d, prefix);
	if (ln) {
		a = ln->off;
		nl = memchr(t + a, '\n', p->text_len - a);
		b = nl ? (size_t)(nl - t) : p->text_len;
		while (a < b && (t[a] == ' ' || t[a] == '\t'))
			a++;
		while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
			b--;
		if (b - a > DETAIL_MAX) {
			b = a + DETAIL_MAX;
			/* do not cut a UTF-8 sequence */
			while (b > a && ((unsigned char)t[b] & 0xC0) == 0x80)
				b--;
		}
		buf_append(&d, t + a, b - a);
	}
	evidence_add(l, v, ln ? p->contents[ln->file].path : NULL, ln ? ln->line : 0, label,
		     buf_steal(&d));
}

/* Python's repr() of a str, for the "Unknown expected_..." reasons (bytes
 * above 0x7F are copied: Python would show them decoded). */
static void
buf_put_repr(struct buf *b, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';

	buf_putc(b, q);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == (unsigned char)q)
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, q);
}

/* expected.lower() (ASCII is all that can name a valid choice). */
static char *
lower_copy(const char *s)
{
	char *r = xstrdup(s ? s : "");

	for (char *q = r; *q; q++)
		*q = ascii_lower(*q);
	return r;
}

/* ------------------------------------------------------------ evidence patterns */

/* The DB and ORM labels are re.search()es over the added text.  Each
 * upstream pattern is written here as alternatives, each a sequence of
 * steps.  The first literal or quote of an alternative is its anchor;
 * (?:^|\s) and \b before it are checked at the anchor.  Optional groups
 * are taken when present: in every upstream pattern what follows them
 * cannot start the way they do, so re never has to backtrack into them. */
enum op {
	OP_END = 0,
	OP_LEAD_SPACE, /* (?:^|\s) : start of text or after whitespace (\n is one) */
	OP_BOUND,      /* \b */
	OP_LIT,        /* literal, case-sensitive */
	OP_ILIT,       /* literal under re.I, written in lowercase */
	OP_IOPT,       /* (?:literal)? under re.I */
	OP_QUOTE,      /* ['"] */
	OP_SEP,        /* [:=] */
	OP_SPACES,     /* \s* */
	OP_SPACES1,    /* \s+ */
	OP_PLUS_WORD,  /* (?:\+\w+)? */
	OP_SAME_LINE,  /* [^\n]* : the rest starts later on the anchor's line */
};

struct step {
	enum op op;
	const char *lit;
};

#define MAX_ALTS 5
#define MAX_STEPS 8

struct evidence_pattern {
	const char *label;
	struct step alt[MAX_ALTS][MAX_STEPS];
};

#define LEADSP {OP_LEAD_SPACE, NULL}
#define WB {OP_BOUND, NULL}
#define LIT(x) {OP_LIT, x}
#define ILIT(x) {OP_ILIT, x}
#define IOPT(x) {OP_IOPT, x}
#define QUOTE {OP_QUOTE, NULL}
#define SEP {OP_SEP, NULL}
#define SPACES {OP_SPACES, NULL}
#define SPACES1 {OP_SPACES1, NULL}
#define PLUSWORD {OP_PLUS_WORD, NULL}
#define SAMELINE {OP_SAME_LINE, NULL}
/* (?:^|\s)import\s+M|from\s+M\s+import */
#define PY_IMPORT(m)                                                                       \
	{LEADSP, LIT("import"), SPACES1, LIT(m)}, {LIT("from"), SPACES1, LIT(m), SPACES1, LIT("import")}

/* In upstream's order, which is the order of the labels in a reason. */
static const struct evidence_pattern sqlite_patterns[] = {
	{"import:sqlite3", {PY_IMPORT("sqlite3")}},
	{"import:aiosqlite", {PY_IMPORT("aiosqlite")}},
	/* sqlite(?:\+\w+)?:/// */
	{"connstr:sqlite", {{ILIT("sqlite"), PLUSWORD, LIT(":///")}}},
	{"django:sqlite", {{ILIT("django.db.backends.sqlite3")}}},
	{"dep:sqlite3-npm", {{QUOTE, ILIT("sqlite3"), QUOTE}}},
	{"dep:better-sqlite3", {{QUOTE, ILIT("better-sqlite3"), QUOTE}}},
	/* dialect\s*[:=]\s*['"]sqlite['"] */
	{"dialect:sqlite", {{ILIT("dialect"), SPACES, SEP, SPACES, QUOTE, ILIT("sqlite"), QUOTE}}},
	{"go:gorm-sqlite", {{ILIT("gorm.io/driver/sqlite")}}},
	{"go:mattn-sqlite3", {{ILIT("mattn/go-sqlite3")}}},
	{"rust:rusqlite", {{WB, ILIT("rusqlite"), WB}}},
	/* (?:feature|database)[^\n]*['"]sqlite['"]|Sqlite(?:Pool|Connection)|sqlx::sqlite */
	{"rust:sqlx-sqlite",
	 {{ILIT("feature"), SAMELINE, QUOTE, ILIT("sqlite"), QUOTE},
	  {ILIT("database"), SAMELINE, QUOTE, ILIT("sqlite"), QUOTE},
	  {ILIT("sqlitepool")}, {ILIT("sqliteconnection")}, {ILIT("sqlx::sqlite")}}},
	/* diesel[^\n]*\bsqlite\b|SqliteConnection */
	{"rust:diesel-sqlite",
	 {{ILIT("diesel"), SAMELINE, WB, ILIT("sqlite"), WB}, {ILIT("sqliteconnection")}}},
	/* sqlite://|sqlite:/// (the first covers the second) */
	{"rust:connstr-sqlite", {{ILIT("sqlite://")}}},
};

static const struct evidence_pattern postgres_patterns[] = {
	/* (?:^|\s)import\s+psycopg2|from\s+psycopg2\s+import|psycopg2: the
	 * last alternative covers the others */
	{"import:psycopg2", {{LIT("psycopg2")}}},
	{"import:asyncpg", {PY_IMPORT("asyncpg")}},
	/* postgres(?:ql)?(?:\+\w+)?:// */
	{"connstr:postgresql", {{ILIT("postgres"), IOPT("ql"), PLUSWORD, LIT("://")}}},
	{"dialect-import:pg", {{ILIT("sqlalchemy.dialects.postgresql")}}},
	{"django:postgres", {{ILIT("django.db.backends.postgresql")}}},
	/* ['"]pg['"], the one case-sensitive quoted name */
	{"dep:pg-npm", {{QUOTE, LIT("pg"), QUOTE}}},
	{"dep:pg-promise", {{QUOTE, ILIT("pg-promise"), QUOTE}}},
	/* dialect\s*[:=]\s*['"]postgres(?:ql)?['"] */
	{"dialect:postgres",
	 {{ILIT("dialect"), SPACES, SEP, SPACES, QUOTE, ILIT("postgres"), IOPT("ql"), QUOTE}}},
	/* host\s*[:=]\s*['"]postgres['"] */
	{"host:postgres", {{ILIT("host"), SPACES, SEP, SPACES, QUOTE, ILIT("postgres"), QUOTE}}},
	{"go:gorm-postgres", {{ILIT("gorm.io/driver/postgres")}}},
	{"go:lib-pq", {{WB, ILIT("lib/pq"), WB}}},
	/* (?:feature|database)[^\n]*['"]postgres['"]|Pg(?:Pool|Connection)|sqlx::postgres */
	{"rust:sqlx-postgres",
	 {{ILIT("feature"), SAMELINE, QUOTE, ILIT("postgres"), QUOTE},
	  {ILIT("database"), SAMELINE, QUOTE, ILIT("postgres"), QUOTE},
	  {ILIT("pgpool")}, {ILIT("pgconnection")}, {ILIT("sqlx::postgres")}}},
	/* diesel[^\n]*\b(?:postgres|pg)\b|PgConnection */
	{"rust:diesel-pg",
	 {{ILIT("diesel"), SAMELINE, WB, ILIT("postgres"), WB},
	  {ILIT("diesel"), SAMELINE, WB, ILIT("pg"), WB}, {ILIT("pgconnection")}}},
};

static const struct evidence_pattern sqlalchemy_patterns[] = {
	/* (?:^|\s)import\s+sqlalchemy|from\s+sqlalchemy(?:\.|\s+import), case-sensitive */
	{"import:sqlalchemy",
	 {{LEADSP, LIT("import"), SPACES1, LIT("sqlalchemy")},
	  {LIT("from"), SPACES1, LIT("sqlalchemy.")},
	  {LIT("from"), SPACES1, LIT("sqlalchemy"), SPACES1, LIT("import")}}},
	{"dep:sqlalchemy", {{ILIT("sqlalchemy")}}},
};

static const struct evidence_pattern sequelize_patterns[] = {
	/* require\(\s*['"]sequelize['"]\s*\) */
	{"import:sequelize",
	 {{ILIT("require("), SPACES, QUOTE, ILIT("sequelize"), QUOTE, SPACES, LIT(")")}}},
	/* from\s+['"]sequelize['"] */
	{"esm:sequelize", {{ILIT("from"), SPACES1, QUOTE, ILIT("sequelize"), QUOTE}}},
	/* ['"]sequelize['"]\s*: */
	{"dep:sequelize", {{QUOTE, ILIT("sequelize"), QUOTE, SPACES, LIT(":")}}},
	/* new\s+Sequelize\s*\( */
	{"usage:sequelize", {{ILIT("new"), SPACES1, ILIT("sequelize"), SPACES, LIT("(")}}},
};

static const struct evidence_pattern gorm_patterns[] = {
	{"import:gorm", {{LIT("gorm.io/gorm")}}},
};

static const struct evidence_pattern seaorm_patterns[] = {
	{"import:sea_orm", {{WB, ILIT("sea_orm"), WB}}},
	{"dep:sea-orm", {{WB, ILIT("sea-orm"), WB}}},
};

#undef LEADSP
#undef WB
#undef LIT
#undef ILIT
#undef IOPT
#undef QUOTE
#undef SEP
#undef SPACES
#undef SPACES1
#undef PLUSWORD
#undef SAMELINE
#undef PY_IMPORT

#define N_PATTERNS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_LABELS 13
_Static_assert(N_PATTERNS(sqlite_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(postgres_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(sqlalchemy_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(sequelize_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(gorm_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(seaorm_patterns) <= MAX_LABELS, "MAX_LABELS too small");

/* The steps after an anchor, from s[i]: the match end, or NOPOS. */
static size_t
steps_match(const struct step *st, const char *s, size_t n, size_t i)
{
	size_t t;

	for (; st->op != OP_END && i != NOPOS; st++) {
		switch (st->op) {
		case OP_LIT:
			i = cs_at(s, n, i, st->lit);
			break;
		case OP_ILIT:
			i = ci_at(s, n, i, st->lit);
			break;
		case OP_IOPT:
			if ((t = ci_at(s, n, i, st->lit)) != NOPOS)
				i = t;
			break;
		case OP_QUOTE:
			i = i < n && is_quote(s[i]) ? i + 1 : NOPOS;
			break;
		case OP_SEP:
			i = i < n && (s[i] == ':' || s[i] == '=') ? i + 1 : NOPOS;
			break;
		case OP_SPACES:
			i = skip_space(s, n, i);
			break;
		case OP_SPACES1:
			t = skip_space(s, n, i);
			i = t > i ? t : NOPOS;
			break;
		case OP_PLUS_WORD:
			if (i < n && s[i] == '+' && (t = skip_word(s, n, i + 1, '\0')) > i + 1)
				i = t;
			break;
		case OP_BOUND:
			i = at_boundary(s, n, i) ? i : NOPOS;
			break;
		case OP_LEAD_SPACE:
		case OP_SAME_LINE:
		case OP_END:
			/* only ever before or just after the anchor: see alt_match_at() */
			i = NOPOS;
			break;
		}
	}
	return i;
}

/* The look-behinds before an alternative's anchor, checked at s[at]. */
static bool
before_anchor_ok(const struct step *st, const struct step *anchor, const char *s, size_t n,
		 size_t at)
{
	for (; st < anchor; st++) {
		if (st->op == OP_BOUND && !at_boundary(s, n, at))
			return false;
		if (st->op == OP_LEAD_SPACE && at > 0 && !cp_space(cp_before(s, at)))
			return false;
	}
	return true;
}

static const struct step *
anchor_of(const struct step *alt)
{
	while (alt->op != OP_LIT && alt->op != OP_ILIT && alt->op != OP_QUOTE)
		alt++;
	return alt;
}

/* Can the byte c begin a match of these steps?  A cheap filter only. */
static bool
may_start(const struct step *st, char c)
{
	while (st->op == OP_BOUND)
		st++;
	if (st->op == OP_QUOTE)
		return is_quote(c);
	if (st->op == OP_LIT)
		return c == st->lit[0];
	if (st->op == OP_ILIT)
		return ascii_lower(c) == st->lit[0] || (unsigned char)c == fold_lead(st->lit[0]);
	return true;
}

/* Does the alternative match with its anchor at s[at]?  When it has
 * [^\n]* after the anchor and fails, *resume is set past the line: a later
 * anchor on the same line sees less of it, so it cannot match either. */
static bool
alt_match_at(const struct step *alt, const char *s, size_t n, size_t at, size_t *resume)
{
	const struct step *anchor = anchor_of(alt);
	size_t end;

	if (anchor->op == OP_QUOTE)
		end = is_quote(s[at]) ? at + 1 : NOPOS;
	else if (anchor->op == OP_LIT)
		end = cs_at(s, n, at, anchor->lit);
	else
		end = ci_at(s, n, at, anchor->lit);
	if (end == NOPOS || !before_anchor_ok(alt, anchor, s, n, at))
		return false;
	if (anchor[1].op == OP_SAME_LINE) {
		const char *nl = memchr(s + end, '\n', n - end);
		size_t eol = nl ? (size_t)(nl - s) : n;

		for (size_t i = end; i < eol; i++)
			if (may_start(anchor + 2, s[i]) && steps_match(anchor + 2, s, n, i) != NOPOS)
				return true;
		*resume = eol + 1;
		return false;
	}
	return steps_match(anchor + 1, s, n, end) != NOPOS;
}

/* One alternative, listed under each byte its anchor can start with. */
struct alt_ref {
	unsigned char label, alt;
};

/* The bytes that can begin a match of one character of a step (lit: the
 * literal's character); 0 when any byte can. */
static size_t
bytes_of(enum op op, char lit, unsigned char b[3])
{
	size_t nb = 0;

	if (op == OP_QUOTE) {
		b[nb++] = '\'';
		b[nb++] = '"';
	} else if (op == OP_LIT || op == OP_ILIT) {
		b[nb++] = (unsigned char)lit;
		if (op == OP_ILIT && lit >= 'a' && lit <= 'z')
			b[nb++] = (unsigned char)(lit - ('a' - 'A'));
		if (op == OP_ILIT && fold_lead(lit))
			b[nb++] = fold_lead(lit);
	}
	return nb;
}

/* Mark in pairs[first] the bytes that can follow `first` in a match
 * anchored at a: the anchor's second character, or the next step's first. */
static void
mark_pairs(uint8_t pairs[256][32], unsigned char first, const struct step *a)
{
	unsigned char b[3];
	size_t nb = 0;

	if (first < 0x80) { /* a folded letter's next byte is its own */
		if ((a->op == OP_LIT || a->op == OP_ILIT) && a->lit[1])
			nb = bytes_of(a->op, a->lit[1], b);
		else if (a[1].op == OP_LIT || a[1].op == OP_ILIT || a[1].op == OP_QUOTE)
			nb = bytes_of(a[1].op, a[1].lit ? a[1].lit[0] : 0, b);
	}
	if (nb == 0)
		memset(pairs[first], 0xFF, sizeof(pairs[first]));
	for (size_t j = 0; j < nb; j++)
		pairs[first][b[j] >> 3] |= (uint8_t)(1u << (b[j] & 7));
}

/* Patterns searched together: at[i] for pat[i]. */
struct label_group {
	const struct evidence_pattern *pat;
	size_t count;
	size_t *at;
};

/* Callers search at most two groups (sqlite and postgres), each at most
 * MAX_LABELS (asserted above), so the bound in search_groups never cuts. */
#define MAX_GROUP_LABELS (2 * MAX_LABELS)

/* pat.search(text) for each pattern of the groups, all in one pass over
 * the text (the text is long, the patterns few): at[i] is where label i
 * first matched (its leftmost anchor), NOPOS when it did not.  Returns how
 * many matched. */
static size_t
search_groups(const struct label_group *g, size_t n_groups, const char *s, size_t n)
{
	const struct evidence_pattern *pat[MAX_GROUP_LABELS];
	size_t *at[MAX_GROUP_LABELS], count = 0;
	struct alt_ref refs[MAX_GROUP_LABELS * MAX_ALTS * 3];
	unsigned short start[257] = {0}, fill[256];
	size_t resume[MAX_GROUP_LABELS][MAX_ALTS] = {{0}}, found = 0;
	/* the byte pairs an anchor can start with: most positions whose first
	 * byte could start one (an 's' for "sqlite") fail on the second */
	uint8_t pairs[256][32];

	for (size_t j = 0; j < n_groups; j++)
		for (size_t i = 0; i < g[j].count && count < MAX_GROUP_LABELS; i++) {
			pat[count] = &g[j].pat[i];
			at[count++] = &g[j].at[i];
			g[j].at[i] = NOPOS;
		}
	memset(pairs, 0, sizeof(pairs));
	/* index the alternatives by the bytes that can start their anchor:
	 * a quote, the literal's first byte, under re.I also its other case
	 * and the lead byte of a non-ASCII letter that folds to it */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < count; i++) {
			for (size_t k = 0; k < MAX_ALTS && pat[i]->alt[k][0].op != OP_END; k++) {
				const struct step *a = anchor_of(pat[i]->alt[k]);
				unsigned char b[3];
				size_t nb = bytes_of(a->op, a->lit ? a->lit[0] : 0, b);

				for (size_t j = 0; j < nb; j++) {
					if (pass == 0) {
						start[b[j] + 1]++;
						mark_pairs(pairs, b[j], a);
						continue;
					}
					refs[fill[b[j]]].label = (unsigned char)i;
					refs[fill[b[j]]++].alt = (unsigned char)k;
				}
			}
		}
		for (int c = 0; pass == 0 && c < 256; c++) {
			start[c + 1] = (unsigned short)(start[c + 1] + start[c]);
			fill[c] = start[c];
		}
	}

	for (size_t i = 0; i < n && found < count; i++) {
		unsigned char c = (unsigned char)s[i], d = i + 1 < n ? (unsigned char)s[i + 1] : 0;

		if (i + 1 < n && !(pairs[c][d >> 3] & (1u << (d & 7))))
			continue;
		for (unsigned r = start[c]; r < start[c + 1]; r++) {
			size_t l = refs[r].label, k = refs[r].alt;

			if (*at[l] != NOPOS || i < resume[l][k])
				continue;
			if (alt_match_at(pat[l]->alt[k], s, n, i, &resume[l][k])) {
				*at[l] = i;
				found++;
			}
		}
	}
	return found;
}

/* How many of at[0..count) are set. */
static size_t
count_found(const size_t *at, size_t count)
{
	size_t found = 0;

	for (size_t i = 0; i < count; i++)
		found += at[i] != NOPOS;
	return found;
}

/* "a, b, c" from the labels that matched; evidence rows for each. */
static void
put_labels(struct buf *b, const struct verify_patch *p, const struct evidence_pattern *pat,
	   size_t count, const size_t *at, enum verifier_kind v, struct evidence_list *ev)
{
	bool first = true;

	for (size_t i = 0; i < count; i++) {
		if (at[i] == NOPOS)
			continue;
		buf_puts(b, first ? "" : ", ");
		buf_puts(b, pat[i].label);
		first = false;
		evidence_at(p, ev, v, at[i], pat[i].label, "");
	}
}

static void
result_set(struct verify_result *out, bool ok, char *reason)
{
	out->ok = ok;
	out->reason = reason;
}

/* ------------------------------------------------------------ architecture */

/* In upstream's matching order: a file or an import belongs to the first
 * of these whose names appear among its path components. */
enum layer { LAYER_ROUTES, LAYER_SERVICES, LAYER_MODELS, LAYER_REPOSITORIES, LAYER_COUNT };

static const char *const layer_names[LAYER_COUNT] = {"routes", "services", "models",
						      "repositories"};
static const int layer_rank[LAYER_COUNT] = {3, 2, 0, 1};
static const char *const layer_dirs[LAYER_COUNT][8] = {
	{"routes", "handlers", "route", "handler", "routers", "views"},
	{"services", "service", "usecases", "use_cases"},
	{"models", "model", "entities", "entity", "domain"},
	{"repositories", "repository", "repos", "data_access", "data", "dao", "dal"},
};
/* Reasons list layers sorted by name. */
static const enum layer layer_sorted[LAYER_COUNT] = {LAYER_MODELS, LAYER_REPOSITORIES,
						     LAYER_ROUTES, LAYER_SERVICES};

/* The layers one path component names, compared lowercase (ASCII is
 * enough: the one non-ASCII letter str.lower() turns into ASCII is U+212A,
 * a k, and no layer name has a k). */
static unsigned
component_layers(const char *c, size_t len)
{
	unsigned mask = 0;

	for (int l = 0; l < LAYER_COUNT; l++) {
		for (const char *const *d = layer_dirs[l]; *d; d++) {
			size_t k = 0, dl = strlen(*d);

			if (dl != len)
				continue;
			while (k < len && ascii_lower(c[k]) == (*d)[k])
				k++;
			if (k == len)
				mask |= 1u << l;
		}
	}
	return mask;
}

/* _dir_components(): every component of PurePosixPath(path).parts but the
 * last (empty and "." components do not count). */
static unsigned
dir_layers(const char *path, size_t len)
{
	unsigned mask = 0, last = 0;
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && path[j] != '/')
			j++;
		if (j > i && !(j - i == 1 && path[i] == '.')) {
			mask |= last;
			last = component_layers(path + i, j - i);
		}
		i = j + 1;
	}
	return mask;
}

/* _imported_layer(): "::" and "." become "/", then every component counts. */
static unsigned
import_layers(const char *path, size_t len)
{
	unsigned mask = 0;
	size_t i = 0;

	while (i <= len) {
		size_t j = i;

		while (j < len && path[j] != '/' && path[j] != '.' &&
		       !(path[j] == ':' && j + 1 < len && path[j + 1] == ':'))
			j++;
		if (j > i)
			mask |= component_layers(path + i, j - i);
		i = j + (j < len && path[j] == ':' ? 2 : 1);
	}
	return mask;
}

static int
first_layer(unsigned mask)
{
	for (int l = 0; l < LAYER_COUNT; l++)
		if (mask & (1u << l))
			return l;
	return -1;
}

/* One file's added text, scanned for imports. */
struct import_scan {
	const struct verify_patch *p;
	const char *t;
	size_t n;
	size_t base;         /* offset of t in p->text */
	enum layer layer;    /* the file's layer */
	size_t violations;
	struct evidence_list *ev;
	size_t no_quote;     /* no ' or " at or after this offset */
	size_t no_dquote;    /* no " at or after this offset */
};

/* An import target was found at t[off..off+len); `at` is where its
 * statement starts.  Count it when it reaches up to a higher layer. */
static void
scan_import(struct import_scan *sc, size_t off, size_t len, size_t at)
{
	int target = first_layer(import_layers(sc->t + off, len));
	char prefix[64];

	if (target < 0 || layer_rank[target] <= layer_rank[sc->layer])
		return;
	sc->violations++;
	snprintf(prefix, sizeof(prefix), "%s imports %s: ", layer_names[sc->layer],
		 layer_names[target]);
	evidence_at(sc->p, sc->ev, VERIFIER_ARCH, sc->base + at, "violation", prefix);
}

/* The next ' or " at or after `from` (both when dq_only is false). */
static size_t
scan_next_quote(struct import_scan *sc, size_t from, bool dq_only)
{
	size_t *none = dq_only ? &sc->no_dquote : &sc->no_quote;
	size_t i;

	/* remembering where quotes run out keeps failed scans linear */
	if (from >= *none)
		return NOPOS;
	for (i = from; i < sc->n; i++)
		if (dq_only ? sc->t[i] == '"' : is_quote(sc->t[i]))
			return i;
	*none = from;
	return NOPOS;
}

/* A quoted target at t[q]: q is the opening quote, then [^'"]+ (or [^"]+)
 * up to a closing quote.  Returns the offset after it, or NOPOS. */
static size_t
scan_quoted(struct import_scan *sc, size_t q, bool dq_only, size_t *path, size_t *len)
{
	size_t c;

	if (q >= sc->n || (dq_only ? sc->t[q] != '"' : !is_quote(sc->t[q])))
		return NOPOS;
	c = scan_next_quote(sc, q + 1, dq_only);
	if (c == NOPOS || c == q + 1)
		return NOPOS;
	*path = q + 1;
	*len = c - q - 1;
	return c + 1;
}

/* One ^\s*KEYWORD... import form: called with the offset after the
 * keyword and the keyword's offset; returns the match end or NOPOS. */
typedef size_t (*line_form)(struct import_scan *sc, size_t i, size_t at);

/* re.finditer of r"^\s*KEYWORD..." with re.M: a candidate is a keyword
 * that starts a line's text (\s* may also cross blank lines, which finds
 * the same keyword); after a match the search goes on at the next line
 * start at or after its end. */
static void
scan_line_form(struct import_scan *sc, const char *keyword, line_form form)
{
	size_t ls = 0, klen = strlen(keyword);

	while (ls < sc->n) {
		size_t k = skip_space(sc->t, sc->n, ls), e = NOPOS;
		const char *nl;

		if (k >= sc->n)
			break;
		if (cs_at(sc->t, sc->n, k, keyword) != NOPOS)
			e = form(sc, k + klen, k);
		if (e != NOPOS && sc->t[e - 1] == '\n') {
			ls = e;
			continue;
		}
		nl = memchr(sc->t + (e != NOPOS ? e : k), '\n', sc->n - (e != NOPOS ? e : k));
		ls = nl ? (size_t)(nl - sc->t) + 1 : sc->n;
	}
}

/* from\s+([\w.]+)\s+import */
static size_t
form_py_from(struct import_scan *sc, size_t i, size_t at)
{
	size_t q = skip_space(sc->t, sc->n, i), r, u;

	if (q == i || (r = skip_word(sc->t, sc->n, q, '.')) == q)
		return NOPOS;
	u = skip_space(sc->t, sc->n, r);
	if (u == r || cs_at(sc->t, sc->n, u, "import") == NOPOS)
		return NOPOS;
	scan_import(sc, q, r - q, at);
	return u + 6;
}

/* \s+([\w<also>]+) after a keyword: the module a Python import or a Rust
 * use names */
static size_t
keyword_module(struct import_scan *sc, size_t i, size_t at, char also)
{
	size_t q = skip_space(sc->t, sc->n, i), r;

	if (q == i || (r = skip_word(sc->t, sc->n, q, also)) == q)
		return NOPOS;
	scan_import(sc, q, r - q, at);
	return r;
}

/* import\s+([\w.]+) */
static size_t
form_py_import(struct import_scan *sc, size_t i, size_t at)
{
	return keyword_module(sc, i, at, '.');
}

/* use\s+([\w:]+) (Rust) */
static size_t
form_rust_use(struct import_scan *sc, size_t i, size_t at)
{
	return keyword_module(sc, i, at, ':');
}

/* from\s+['"]([^'"]+)['"] at t[d], the tail of the ESM form */
static size_t
esm_tail(struct import_scan *sc, size_t d, size_t at)
{
	size_t f, g, path, len, e;

	if (cs_at(sc->t, sc->n, d, "from") == NOPOS)
		return NOPOS;
	f = d + 4;
	g = skip_space(sc->t, sc->n, f);
	if (g == f || (e = scan_quoted(sc, g, false, &path, &len)) == NOPOS)
		return NOPOS;
	scan_import(sc, path, len, at);
	return e;
}

/* import\s+.*?\s+from\s+['"]([^'"]+)['"]: re tries the longest \s+ first
 * and then the shortest .*?, so the first "from" that follows whitespace
 * wins; .*? stops at the end of the line but the \s+ before "from" may
 * cross it.  Only when that fails does re shorten the first \s+, which
 * helps only if it held two whitespace characters and "from" follows. */
static size_t
form_esm(struct import_scan *sc, size_t i, size_t at)
{
	const char *t = sc->t;
	size_t n = sc->n, b0 = skip_space(t, n, i), eol, k, e, chars = 0;
	const char *nl;

	if (b0 == i)
		return NOPOS;
	nl = memchr(t + b0, '\n', n - b0);
	eol = nl ? (size_t)(nl - t) : n;
	k = b0;
	while (k <= eol && k < n) {
		size_t len = space_at(t, n, k);

		if (len) {
			size_t d = skip_space(t, n, k);

			if ((e = esm_tail(sc, d, at)) != NOPOS)
				return e;
			k = d;
		} else {
			uint32_t c;

			k += u8_at(t, n, k, &c);
		}
	}
	for (k = i; k < b0 && chars < 2; k += space_at(t, n, k))
		chars++;
	return chars >= 2 ? esm_tail(sc, b0, at) : NOPOS;
}

/* import\s+(?:\w+\s+)?"([^"]+)" (Go, and a JS import "x" with double quotes) */
static size_t
form_go_import(struct import_scan *sc, size_t i, size_t at)
{
	size_t b0 = skip_space(sc->t, sc->n, i), w, x, path, len, e;

	if (b0 == i)
		return NOPOS;
	x = b0;
	if ((w = skip_word(sc->t, sc->n, b0, '\0')) > b0) {
		x = skip_space(sc->t, sc->n, w);
		if (x == w)
			return NOPOS;
	}
	if ((e = scan_quoted(sc, x, true, &path, &len)) == NOPOS)
		return NOPOS;
	scan_import(sc, path, len, at);
	return e;
}

/* require\(\s*['"]([^'"]+)['"]\s*\) anywhere */
static void
scan_require(struct import_scan *sc)
{
	size_t from = 0, at, end, path, len, e, r;

	while ((at = find_cs(sc->t, sc->n, from, "require(", &end)) != NOPOS) {
		from = at + 1;
		e = scan_quoted(sc, skip_space(sc->t, sc->n, end), false, &path, &len);
		if (e == NOPOS)
			continue;
		r = skip_space(sc->t, sc->n, e);
		if (r < sc->n && sc->t[r] == ')') {
			scan_import(sc, path, len, at);
			from = r + 1;
		}
	}
}

/* import\s*\(\s*(.*?)\s*\) anywhere with re.DOTALL (a Go import block, and
 * also a JS dynamic import("x")), then (?:\w+\s+)?"([^"]+)" inside it. */
static void
scan_import_block(struct import_scan *sc)
{
	const char *t = sc->t;
	size_t n = sc->n, from = 0, at, end;

	while ((at = find_cs(t, n, from, "import", &end)) != NOPOS) {
		size_t q = skip_space(t, n, end), g0, g1, close, k;
		const char *cp;

		from = at + 1;
		if (q >= n || t[q] != '(')
			continue;
		g0 = skip_space(t, n, q + 1);
		cp = memchr(t + g0, ')', n - g0);
		if (!cp)
			return; /* nor can any later block close */
		close = (size_t)(cp - t);
		/* the group ends before the whitespace that precedes ')' */
		for (g1 = k = g0; k < close;) {
			size_t len = space_at(t, close, k);

			if (len) {
				k += len;
			} else {
				uint32_t c;

				k += u8_at(t, close, k, &c);
				g1 = k;
			}
		}
		for (k = g0; k < g1;) {
			const char *o = memchr(t + k, '"', g1 - k), *c;

			if (!o)
				break;
			k = (size_t)(o - t);
			c = memchr(t + k + 1, '"', g1 - k - 1);
			if (!c)
				break;
			if (c == o + 1) {
				k++;
				continue;
			}
			scan_import(sc, k + 1, (size_t)(c - o) - 1, k);
			k = (size_t)(c - t) + 1;
		}
		from = close + 1;
	}
}

void
verify_architecture(const struct verify_patch *p, struct verify_result *out,
		    struct evidence_list *ev)
{
	unsigned present = 0;
	size_t violations = 0, n_present = 0;
	struct buf r;
	bool first = true;

	if (p->n_files == 0) {
		result_set(out, false, xstrdup("No files found in patch"));
		return;
	}
	/* check 1: a layer is present when any touched file sits under one of
	 * its directory names; a file can count for several */
	for (size_t i = 0; i < p->n_files; i++) {
		const struct vp_file *f = &p->files[i];
		unsigned mask = dir_layers(f->path, f->len);
		int l = first_layer(mask);
		char label[32];
		struct buf d;

		present |= mask;
		if (!ev)
			continue;
		/* the label is the file's own layer, the detail every layer it counts for */
		snprintf(label, sizeof(label), "layer:%s", l < 0 ? "none" : layer_names[l]);
		buf_init(&d);
		for (int k = 0; k < LAYER_COUNT; k++)
			if (mask & (1u << k))
				buf_printf(&d, "%s%s", d.len ? ", " : "", layer_names[k]);
		evidence_add(ev, VERIFIER_ARCH, f->path, f->line, label, buf_steal(&d));
	}
	/* check 2: every file in a layer (its first match) may import only
	 * from its own layer or lower ones */
	for (size_t i = 0; i < p->n_contents; i++) {
		const struct vp_content *c = &p->contents[i];
		int l = first_layer(dir_layers(c->path, c->len));
		struct import_scan sc = {
			.p = p, .t = p->text + c->off, .n = c->text_len, .base = c->off,
			.ev = ev, .no_quote = NOPOS, .no_dquote = NOPOS,
		};

		if (l < 0)
			continue;
		sc.layer = (enum layer)l;
		/* upstream's order of patterns, which orders the evidence */
		scan_line_form(&sc, "from", form_py_from);
		scan_line_form(&sc, "import", form_py_import);
		scan_require(&sc);
		scan_line_form(&sc, "import", form_esm);
		scan_line_form(&sc, "import", form_go_import);
		scan_import_block(&sc);
		scan_line_form(&sc, "use", form_rust_use);
		violations += sc.violations;
	}

	buf_init(&r);
	for (int k = 0; k < LAYER_COUNT; k++)
		n_present += (present >> k) & 1;
	if (n_present >= 3)
		buf_printf(&r, "Layers %zu/4: ", n_present);
	else
		buf_printf(&r, "Only %zu/4 layers (need >= 3), missing: ", n_present);
	for (int k = 0; k < LAYER_COUNT; k++) {
		enum layer l = layer_sorted[k];

		if (((present >> l) & 1) != (n_present >= 3))
			continue;
		buf_printf(&r, "%s%s", first ? "" : ", ", layer_names[l]);
		first = false;
	}
	if (violations)
		buf_printf(&r, "; %zu dependency violation(s)", violations);
	else
		buf_puts(&r, "; No dependency violations");
	result_set(out, n_present >= 3 && violations == 0, buf_steal(&r));
}

/* ------------------------------------------------------------ database and ORM */

/* Is `name` the one label found?  (The Django exception.) */
static bool
only_label(const struct evidence_pattern *pat, size_t count, const size_t *at, const char *name)
{
	size_t found = 0;
	bool has = false;

	for (size_t i = 0; i < count; i++) {
		if (at[i] == NOPOS)
			continue;
		found++;
		has = has || strcmp(pat[i].label, name) == 0;
	}
	return found == 1 && has;
}

static void
clear_labels(size_t *at, size_t count)
{
	for (size_t i = 0; i < count; i++)
		at[i] = NOPOS;
}

static void
unknown_expected(struct verify_result *out, const char *what, const char *value,
		 const char *choices)
{
	struct buf r;

	buf_init(&r);
	buf_printf(&r, "Unknown expected_%s: ", what);
	buf_put_repr(&r, value);
	buf_printf(&r, " (%s)", choices);
	result_set(out, false, buf_steal(&r));
}

void
verify_database(const struct verify_patch *p, const char *expected, struct verify_result *out,
		struct evidence_list *ev)
{
	size_t sq[MAX_LABELS], pg[MAX_LABELS], n_sq, n_pg, n_want, n_other;
	const struct evidence_pattern *want_pat, *other_pat;
	size_t want_count, other_count, *want_at, *other_at;
	char *want = lower_copy(expected);
	const char *other;
	struct buf r;

	if (!str_eq(want, "sqlite") && !str_eq(want, "postgres")) {
		unknown_expected(out, "db", want, "must be 'sqlite' or 'postgres'");
		free(want);
		return;
	}
	if (p->n_contents == 0) {
		result_set(out, false, xstrdup("No files found in patch"));
		free(want);
		return;
	}
	search_groups((const struct label_group[]){{sqlite_patterns, N_PATTERNS(sqlite_patterns), sq},
						   {postgres_patterns, N_PATTERNS(postgres_patterns), pg}},
		      2, p->text, p->db_len);
	n_sq = count_found(sq, N_PATTERNS(sqlite_patterns));
	n_pg = count_found(pg, N_PATTERNS(postgres_patterns));
	/* Django settings keep the default sqlite3 backend next to the
	 * configured one: alone, that label does not count against the other DB */
	if (str_eq(want, "postgres") && n_pg &&
	    only_label(sqlite_patterns, N_PATTERNS(sqlite_patterns), sq, "django:sqlite")) {
		clear_labels(sq, MAX_LABELS);
		n_sq = 0;
	}
	if (str_eq(want, "sqlite") && n_sq &&
	    only_label(postgres_patterns, N_PATTERNS(postgres_patterns), pg, "django:postgres")) {
		clear_labels(pg, MAX_LABELS);
		n_pg = 0;
	}
	if (str_eq(want, "sqlite")) {
		want_pat = sqlite_patterns, want_count = N_PATTERNS(sqlite_patterns), want_at = sq;
		other_pat = postgres_patterns, other_count = N_PATTERNS(postgres_patterns);
		other_at = pg, n_want = n_sq, n_other = n_pg, other = "postgres";
	} else {
		want_pat = postgres_patterns, want_count = N_PATTERNS(postgres_patterns), want_at = pg;
		other_pat = sqlite_patterns, other_count = N_PATTERNS(sqlite_patterns);
		other_at = sq, n_want = n_pg, n_other = n_sq, other = "sqlite";
	}

	buf_init(&r);
	if (n_want) {
		buf_printf(&r, "Found %s evidence: ", want);
		put_labels(&r, p, want_pat, want_count, want_at, VERIFIER_DB, ev);
	} else {
		buf_printf(&r, "No %s evidence found", want);
	}
	if (n_other) {
		buf_printf(&r, "; Also found %s evidence: ", other);
		put_labels(&r, p, other_pat, other_count, other_at, VERIFIER_DB, ev);
	}
	result_set(out, n_want > 0 && n_other == 0, buf_steal(&r));
	free(want);
}

void
verify_orm(const struct verify_patch *p, const char *expected, struct verify_result *out,
	   struct evidence_list *ev)
{
	/* sorted by name: upstream lists them that way in its error */
	static const struct {
		const char *name;
		const struct evidence_pattern *pat;
		size_t count;
	} orms[] = {
		{"gorm", gorm_patterns, N_PATTERNS(gorm_patterns)},
		{"seaorm", seaorm_patterns, N_PATTERNS(seaorm_patterns)},
		{"sequelize", sequelize_patterns, N_PATTERNS(sequelize_patterns)},
		{"sqlalchemy", sqlalchemy_patterns, N_PATTERNS(sqlalchemy_patterns)},
	};
	char *want = lower_copy(expected);
	size_t at[MAX_LABELS], k = 0, n_found;
	struct buf r;

	while (k < N_PATTERNS(orms) && !str_eq(orms[k].name, want))
		k++;
	if (k == N_PATTERNS(orms)) {
		unknown_expected(out, "orm", want,
				 "must be one of gorm, seaorm, sequelize, sqlalchemy");
		free(want);
		return;
	}
	if (p->n_contents == 0) {
		result_set(out, false, xstrdup("No files found in patch"));
		free(want);
		return;
	}
	n_found = search_groups(&(struct label_group){orms[k].pat, orms[k].count, at}, 1, p->text,
				p->db_len);
	buf_init(&r);
	if (n_found) {
		buf_printf(&r, "Found %s evidence: ", want);
		put_labels(&r, p, orms[k].pat, orms[k].count, at, VERIFIER_ORM, ev);
	} else {
		buf_printf(&r, "No %s evidence found", want);
	}
	result_set(out, n_found > 0, buf_steal(&r));
	free(want);
}

/* ------------------------------------------------------------ attempts */

void
verify_attempt(struct attempt *a)
{
	const struct artifact *patch = &a->artifacts[ARTIFACT_PATCH];
	unsigned c = a->task.kind == TASK_GENERATION ? a->task.constraints : 0;
	/* spec 3.2: the expected DB is postgres if the name has it, else sqlite */
	const char *db = c & TC_POSTGRES ? "postgres" : c & TC_SQLITE ? "sqlite" : NULL;
	const char *orm = c & TC_SQLALCHEMY ? "sqlalchemy" : c & TC_SEQUELIZE ? "sequelize" : NULL;
	bool run[VERIFIER_COUNT] = {(c & TC_ARCH) != 0, db != NULL, orm != NULL}, any = false;
	struct evidence_list ev = {0};
	struct verify_patch *p;

	for (int v = 0; v < VERIFIER_COUNT; v++) {
		if (!run[v])
			continue;
		a->verdict[v].applicable = true;
		/* the importer's own result wins */
		run[v] = a->verdict[v].reason == NULL;
		any = any || run[v];
	}
	if (!any)
		return;
	if (!patch->present) {
		for (int v = 0; v < VERIFIER_COUNT; v++) {
			if (!run[v])
				continue;
			a->verdict[v].ok = false;
			a->verdict[v].reason = xstrdup("No patch file");
		}
		return;
	}
	if (patch->truncated)
		attempt_problem(a, "the verifiers read only the first %zu of the patch's %zu bytes",
				patch->len, patch->size);
	p = verify_patch_parse(patch->data, patch->len);
	for (int v = 0; v < VERIFIER_COUNT; v++) {
		struct verify_result r;

		if (!run[v])
			continue;
		if (v == VERIFIER_ARCH)
			verify_architecture(p, &r, &ev);
		else if (v == VERIFIER_DB)
			verify_database(p, db, &r, &ev);
		else
			verify_orm(p, orm, &r, &ev);
		a->verdict[v].ok = r.ok;
		a->verdict[v].reason = r.reason;
	}
	verify_patch_free(p);
	/* hand the rows over to the attempt, which then owns their strings */
	for (size_t i = 0; i < ev.n; i++) {
		struct evidence *e = attempt_add_evidence(a, ev.v[i].verifier);

		e->file = ev.v[i].file;
		e->line = ev.v[i].line;
		e->label = ev.v[i].label;
		e->detail = ev.v[i].detail;
	}
	free(ev.v);
}
