/* lib/vsprintf.c - the formatter behind printk and snprintf, for faultline and its guests alike (both link it). Linux: lib/vsprintf.c (a small subset). */
#include "../include/sprintf.h"

struct outbuf {
	char *buf;
	size_t size;
	size_t len;	/* would-be length, as C's snprintf counts */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;	/* '-': pad on the right */
	bool alt;	/* '#': 0x before hex */
	char pad;	/* ' ' or '0' */
	int width;
	int precision;	/* strings: at most this many bytes; -1: all */
};

static void put_padding(struct outbuf *o, int n, char c)
{
	for (; n > 0; n--)
		put(o, c);
}

static void put_number(struct outbuf *o, u64 v, unsigned base, bool upper,
		       bool negative, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, prefix = (negative ? 1 : 0) + (sp->alt && base == 16 ? 2 : 0);

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (!sp->left && sp->pad == ' ')
		put_padding(o, sp->width - n - prefix, ' ');
	if (negative)
		put(o, '-');
	if (sp->alt && base == 16) {
		put(o, '0');
		put(o, 'x');
	}
	if (!sp->left && sp->pad == '0')
		put_padding(o, sp->width - n - prefix, '0');
	for (int i = n; i; i--)
		put(o, tmp[i - 1]);
	if (sp->left)
		put_padding(o, sp->width - n - prefix, ' ');
}

static void put_string(struct outbuf *o, const char *s, const struct spec *sp)
{
	int n = 0;

	if (!s)
		s = "(null)";
	while (s[n] && (sp->precision < 0 || n < sp->precision))
		n++;
	if (!sp->left)
		put_padding(o, sp->width - n, ' ');
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		put_padding(o, sp->width - n, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { .buf = buf, .size = size, .len = 0 };

	for (; *fmt; fmt++) {
		struct spec sp = { .pad = ' ', .precision = -1 };
		int longs = 0;
		u64 v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '#')
				sp.alt = true;
			else if (*fmt == '0')
				sp.pad = '0';
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			sp.precision = 0;
			if (*++fmt == '*') {
				sp.precision = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				sp.precision = sp.precision * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 s = longs ? va_arg(ap, s64) : va_arg(ap, int);

			put_number(&o, s < 0 ? -(u64)s : (u64)s, 10, false,
				   s < 0, &sp);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			put_number(&o, v, *fmt == 'u' ? 10 : 16, *fmt == 'X',
				   false, &sp);
			break;
		case 'p':
			sp.alt = true;
			put_number(&o, (u64)(uintptr_t)va_arg(ap, void *), 16,
				   false, false, &sp);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			put_string(&o, va_arg(ap, const char *), &sp);
			break;
		case '%':
			put(&o, '%');
			break;
		default:	/* unknown conversion: show it, don't guess */
			put(&o, '%');
			if (!*fmt)
				fmt--;
			else
				put(&o, *fmt);
			break;
		}
	}
	if (size)
		o.buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
