/* guest-pv/lib/vsprintf.c - a small vsnprintf for the guest's console and reports. Linux: lib/vsprintf.c, much reduced. */
#include "printk.h"
#include "../../include/lib.h"

struct out {
	char *buf;
	size_t size;	/* bytes in buf, the NUL included */
	size_t len;	/* bytes the text needs, whether or not they fit */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;	/* '-' */
	bool zero;	/* '0' */
	bool alt;	/* '#': 0x before hex */
	unsigned width;
	int precision;	/* %.Ns, %.*s: at most N bytes of the string; -1: all */
};

static void put_padded(struct out *o, const struct spec *sp, const char *s,
		       size_t n, const char *prefix)
{
	size_t plen = strlen(prefix);
	size_t pad = sp->width > n + plen ? sp->width - n - plen : 0;

	if (!sp->left && !sp->zero)
		while (pad--)
			put(o, ' ');
	while (*prefix)
		put(o, *prefix++);
	if (!sp->left && sp->zero)
		while (pad--)
			put(o, '0');
	while (n--)
		put(o, *s++);
	if (sp->left)
		while (pad--)
			put(o, ' ');
}

#define MAX_DIGITS	20	/* 2^64 - 1 in decimal */

static void put_number(struct out *o, const struct spec *sp, u64 v,
		       unsigned base, bool upper, bool negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[MAX_DIGITS];
	size_t n = 0;
	const char *prefix = "";

	do {
		tmp[MAX_DIGITS - ++n] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		prefix = "-";
	else if (sp->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	put_padded(o, sp, tmp + MAX_DIGITS - n, n, prefix);
}

enum length { LEN_INT, LEN_LONG, LEN_LONG_LONG, LEN_SIZE };

static u64 arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_LONG:		return va_arg(*ap, unsigned long);
	case LEN_LONG_LONG:	return va_arg(*ap, unsigned long long);
	case LEN_SIZE:		return va_arg(*ap, size_t);
	default:		return va_arg(*ap, unsigned int);
	}
}

static s64 arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_LONG:		return va_arg(*ap, long);
	case LEN_LONG_LONG:	return va_arg(*ap, long long);
	case LEN_SIZE:		return (s64)va_arg(*ap, size_t);
	default:		return va_arg(*ap, int);
	}
}

static size_t string_length(const char *s, int precision)
{
	size_t n = 0;

	while (s[n] && (precision < 0 || n < (size_t)precision))
		n++;
	return n;
}

/* Parses one conversion after '%'; returns the text after it. */
static const char *convert(struct out *o, const char *f, va_list *ap)
{
	struct spec sp = { .precision = -1 };
	enum length len = LEN_INT;
	const char *s;
	s64 sv;

	for (;; f++) {
		if (*f == '-')
			sp.left = true;
		else if (*f == '0')
			sp.zero = true;
		else if (*f == '#')
			sp.alt = true;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp.width = sp.width * 10 + (unsigned)(*f++ - '0');
	if (*f == '.') {
		sp.precision = 0;
		if (*++f == '*') {
			/* negative: as if none was given (C11 7.21.6.1) */
			sp.precision = va_arg(*ap, int);
			if (sp.precision < 0)
				sp.precision = -1;
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp.precision = sp.precision * 10 + (*f++ - '0');
	}
	if (*f == 'z') {
		len = LEN_SIZE;
		f++;
	} else if (*f == 'l') {
		len = LEN_LONG;
		if (*++f == 'l') {
			len = LEN_LONG_LONG;
			f++;
		}
	}
	switch (*f) {
	case 'd':
	case 'i':
		sv = arg_signed(ap, len);
		put_number(o, &sp, sv < 0 ? -(u64)sv : (u64)sv, 10, false,
			   sv < 0);
		break;
	case 'u':
		put_number(o, &sp, arg_unsigned(ap, len), 10, false, false);
		break;
	case 'x':
	case 'X':
		put_number(o, &sp, arg_unsigned(ap, len), 16, *f == 'X',
			   false);
		break;
	case 'p':
		sp.alt = true;
		put_number(o, &sp, (u64)(uintptr_t)va_arg(*ap, void *), 16,
			   false, false);
		break;
	case 'c':
		put_padded(o, &sp, &(char){ (char)va_arg(*ap, int) }, 1, "");
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_padded(o, &sp, s, string_length(s, sp.precision), "");
		break;
	case '%':
		put(o, '%');
		break;
	default:	/* unknown: print it as written, so the bug shows */
		put(o, '%');
		if (!*f)
			return f;
		put(o, *f);
		break;
	}
	return f + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%')
			put(&o, *fmt++);
		else
			fmt = convert(&o, fmt + 1, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
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
