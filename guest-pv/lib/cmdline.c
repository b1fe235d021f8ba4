/* guest-pv/lib/cmdline.c - look up the guest's "key=value" options. Linux: lib/cmdline.c (get_option), kernel/params.c (parse_args). */
#include "cmdline.h"
#include "printk.h"
#include "../../include/lib.h"

static const char *cmdline;
static size_t cmdline_len;

void cmdline_init(const struct fl_boot_info *bi)
{
	cmdline = bi->cmdline;
	cmdline_len = MIN(bi->cmdline_len, (u32)FL_CMDLINE_MAX - 1);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The last occurrence wins, as with faultline's own options. */
const char *cmdline_get(const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *found = NULL;
	size_t i = 0;

	while (i < cmdline_len) {
		size_t start, end;

		while (i < cmdline_len && is_space(cmdline[i]))
			i++;
		start = i;
		while (i < cmdline_len && !is_space(cmdline[i]))
			i++;
		end = i;
		if (end - start > klen && cmdline[start + klen] == '=' &&
		    !strncmp(cmdline + start, key, klen)) {
			found = cmdline + start + klen + 1;
			*len = end - start - klen - 1;
		}
	}
	return found;
}

static int digit_value(char c, unsigned base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

u64 cmdline_u64(const char *key, u64 def)
{
	size_t n;
	const char *v = cmdline_get(key, &n);
	unsigned base = 10;
	u64 num = 0;

	if (!v)
		return def;
	if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		base = 16;
		v += 2;
		n -= 2;
	}
	if (n == 0)
		panic("option %s: empty number\n", key);
	for (size_t i = 0; i < n; i++) {
		int d = digit_value(v[i], base);

		if (d < 0 || num > (UINT64_MAX - (u64)d) / base)
			panic("option %s: '%.*s' is not a number faultline "
			      "should have passed\n", key, (int)n, v);
		num = num * base + (u64)d;
	}
	return num;
}

const char *cmdline_word(const char *key, const char *def, char *buf,
			 size_t size)
{
	size_t n;
	const char *v = cmdline_get(key, &n);

	if (!v)
		return def;
	n = MIN(n, size - 1);
	memcpy(buf, v, n);
	buf[n] = '\0';
	return buf;
}
