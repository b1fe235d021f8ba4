# guest-linux/linux.mk - the Linux guest's parts: Debian's cloud kernel (fetched), the initramfs with the project's own /init, and the host tools that pack them.
#
#   make linux    $(BUILD)/linux/vmlinuz (tools/linux-fetch: apt-get
#                 download + dpkg-deb -x into $(LINUX_CACHE), never /boot),
#                 $(BUILD)/linux/initramfs.cpio (uncompressed newc: /init,
#                 /dev/console, /dev, /proc), and $(BUILD)/tools/mkbundle,
#                 which tools/run-faultline uses to pack kernel, initrd and
#                 command line into one boot bundle (include/boot_bundle.h)
#
# /init is userspace: a static glibc program (gcc -static), not freestanding.
# Needs Debian packages: gcc, libc6-dev, apt, dpkg (all on Debian by default).

LINUX_BUILD	:= $(BUILD)/linux
LINUX_CACHE	?= $(LINUX_BUILD)/cache
HOST_TOOLS	:= $(BUILD)/tools
LINUX_INIT_SRCS	:= $(wildcard guest-linux/*.c)
LINUX_INIT_HDRS	:= $(wildcard guest-linux/*.h) guest-pv/pattern.h \
		   include/guest_abi.h include/types.h
LINUX_INIT_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -static

HOST_TOOL_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror \
		    -Iinclude

.PHONY: linux
linux: $(LINUX_BUILD)/vmlinuz $(LINUX_BUILD)/initramfs.cpio \
	$(HOST_TOOLS)/mkbundle

# Fetched once; make clean (or deleting it) fetches the current one again.
$(LINUX_BUILD)/vmlinuz: tools/linux-fetch
	tools/linux-fetch $(LINUX_CACHE) $@

$(LINUX_BUILD)/init: $(LINUX_INIT_SRCS) $(LINUX_INIT_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LINUX_INIT_CFLAGS) $(LINUX_INIT_SRCS) -o $@

$(LINUX_BUILD)/initramfs.cpio: $(LINUX_BUILD)/init $(HOST_TOOLS)/mkcpio
	$(HOST_TOOLS)/mkcpio $@ dir:dev nod:dev/console:5:1 nod:dev/kmsg:1:11 \
		dir:proc file:init:$(LINUX_BUILD)/init

$(HOST_TOOLS)/mkcpio: tools/mkcpio.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_TOOL_CFLAGS) $< -o $@

$(HOST_TOOLS)/mkbundle: tools/mkbundle.c boot/bundle.c boot/bundle.h \
		include/boot_bundle.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_TOOL_CFLAGS) tools/mkbundle.c boot/bundle.c -o $@
