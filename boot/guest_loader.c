/* boot/guest_loader.c - load the guest's ELF64 image into guest memory by its program headers; refuse anything else. Linux: fs/binfmt_elf.c (load_elf_binary), much reduced. Pure C: host tests compile it. */
#include "guest_loader.h"
#include "../include/elf.h"
#include "../include/guest_abi.h"
#include "../include/lib.h"
#include "../include/console.h"

static const u8 elf_magic[4] = { 0x7f, 'E', 'L', 'F' };

static int refuse(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	return -1;
}

/* [start, start + len) inside [lo, hi), without overflow. */
static bool range_within(u64 start, u64 len, u64 lo, u64 hi)
{
	return start >= lo && start <= hi && len <= hi - start;
}

static int check_header(const Elf64_Ehdr *eh, u64 size, char *err,
			size_t errlen)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, elf_magic, 4))
		return refuse(err, errlen, "not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return refuse(err, errlen, "not a little-endian ELF64 file");
	if (eh->e_machine != EM_X86_64)
		return refuse(err, errlen, "not an x86-64 ELF file");
	if (eh->e_type != ET_EXEC)
		return refuse(err, errlen,
			      "not an ELF executable (ET_EXEC, linked static)");
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    !range_within(eh->e_phoff, (u64)eh->e_phnum * sizeof(Elf64_Phdr),
			  0, size))
		return refuse(err, errlen, "bad program header table");
	return 0;
}

static int check_segment(const Elf64_Phdr *ph, u64 size, u64 guest_mem,
			 char *err, size_t errlen)
{
	if (ph->p_filesz > ph->p_memsz ||
	    !range_within(ph->p_offset, ph->p_filesz, 0, size))
		return refuse(err, errlen, "a segment's file bytes lie outside "
				      "the file");
	if (!range_within(ph->p_paddr, ph->p_memsz, FL_GUEST_LOAD_MIN,
			  guest_mem)) {
		snprintf(err, errlen, "segment [%#llx, %#llx) falls outside "
			 "guest memory [%#llx, %#llx)",
			 (unsigned long long)ph->p_paddr,
			 (unsigned long long)(ph->p_paddr + ph->p_memsz),
			 (unsigned long long)FL_GUEST_LOAD_MIN,
			 (unsigned long long)guest_mem);
		return -1;
	}
	return 0;
}

/* Copy a segment's file bytes; pages past them stay demand-zero (bss). */
static int load_segment(struct mm *mm, const u8 *image, const Elf64_Phdr *ph,
			char *err, size_t errlen)
{
	for (u64 done = 0; done < ph->p_filesz;) {
		gpa_t gpa = ph->p_paddr + done;
		u64 n = MIN(ph->p_filesz - done,
			    PAGE_SIZE - (gpa & ~PAGE_MASK));
		u8 *page = mm_gpa_to_virt(mm, gpa & PAGE_MASK);

		if (!page)
			page = mm_populate(mm, gpa & PAGE_MASK);
		if (!page)
			return refuse(err, errlen, "no frame left to load it "
					      "into (raise frames=)");
		memcpy(page + (gpa & ~PAGE_MASK), image + ph->p_offset + done,
		       n);
		done += n;
	}
	return 0;
}

/* Program headers are read by copy: a hostile file may misalign them. */
static Elf64_Phdr read_phdr(const u8 *image, const Elf64_Ehdr *eh, u16 i)
{
	Elf64_Phdr ph;

	memcpy(&ph, image + eh->e_phoff + (u64)i * sizeof(ph), sizeof(ph));
	return ph;
}

int guest_load_elf(struct mm *mm, const u8 *image, u64 size,
		   struct guest_image *out, char *err, size_t errlen)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	bool entry_ok = false;
	unsigned loads = 0;

	out->entry = 0;
	out->end = 0;
	if (check_header(eh, size, err, errlen))
		return -1;
	for (u16 i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr phdr = read_phdr(image, eh, i);
		const Elf64_Phdr *ph = &phdr;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (check_segment(ph, size, mm->guest_mem, err, errlen))
			return -1;
		loads++;
		if ((ph->p_flags & PF_X) && eh->e_entry >= ph->p_paddr &&
		    eh->e_entry - ph->p_paddr < ph->p_memsz)
			entry_ok = true;
		out->end = MAX(out->end, ph->p_paddr + ph->p_memsz);
	}
	if (!loads)
		return refuse(err, errlen, "no loadable segment");
	if (!entry_ok)
		return refuse(err, errlen, "entry point is not inside an "
				      "executable segment");

	/* Only now touch guest memory: a refused file leaves no trace. */
	for (u16 i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr phdr = read_phdr(image, eh, i);
		const Elf64_Phdr *ph = &phdr;

		if (ph->p_type == PT_LOAD && ph->p_memsz &&
		    load_segment(mm, image, ph, err, errlen))
			return -1;
	}
	out->entry = eh->e_entry;
	out->end = ALIGN_UP(out->end, PAGE_SIZE);
	return 0;
}
