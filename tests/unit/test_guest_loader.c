/* tests/unit/test_guest_loader.c - host tests for boot/guest_loader.c: a good image loads by its program headers, every bad one is refused with its reason and no trace in guest memory. */
#include <criterion/criterion.h>
#include <string.h>
#include "mm_fixture.h"
#include "../../boot/guest_loader.h"
#include "../../include/elf.h"
#include "../../include/guest_abi.h"

#define GUEST_MEM	MiB(4)
#define LOAD_GPA	FL_GUEST_LOAD_MIN
#define CODE_BYTES	5000	/* two pages of file, the second partial */
#define BSS_BYTES	(3 * PAGE_SIZE)

static struct mm_fixture f;
static struct guest_image gi;
static char err[160];

/* A static x86-64 executable: one RX segment of CODE_BYTES + BSS_BYTES at LOAD_GPA. */
struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	u8 code[CODE_BYTES];
};
static struct image img;

static void setup(void)
{
	mm_fixture_init(&f, 64, GUEST_MEM / PAGE_SIZE, 0);

	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, "\177ELF", 4);
	img.eh.e_ident[EI_CLASS] = ELFCLASS64;
	img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_X86_64;
	img.eh.e_entry = LOAD_GPA + 16;
	img.eh.e_phoff = offsetof(struct image, ph);
	img.eh.e_phentsize = sizeof(Elf64_Phdr);
	img.eh.e_phnum = 1;
	img.ph = (Elf64_Phdr){
		.p_type = PT_LOAD, .p_flags = PF_X | 4,
		.p_offset = offsetof(struct image, code),
		.p_vaddr = LOAD_GPA, .p_paddr = LOAD_GPA,
		.p_filesz = CODE_BYTES, .p_memsz = CODE_BYTES + BSS_BYTES,
	};
	for (unsigned i = 0; i < CODE_BYTES; i++)
		img.code[i] = (u8)(i * 7 + 1);
}

static void teardown(void)
{
	mm_fixture_fini(&f);
}

TestSuite(guest_loader, .init = setup, .fini = teardown);

static int load(void)
{
	return guest_load_elf(&f.mm, (const u8 *)&img, sizeof(img), &gi, err,
			      sizeof(err));
}

/* Does a good image land byte for byte, with only its file pages backed? */
Test(guest_loader, good_image_loads_file_pages_only)
{
	cr_assert_eq(load(), 0, "refused: %s", err);
	cr_assert_eq(gi.entry, LOAD_GPA + 16);
	cr_assert_eq(gi.end, LOAD_GPA + 5 * PAGE_SIZE);
	for (unsigned i = 0; i < CODE_BYTES; i++)
		cr_assert_eq(*(u8 *)mm_gpa_to_virt(&f.mm, LOAD_GPA + i),
			     (u8)(i * 7 + 1));
	/* The rest of the second page is zero; bss pages stay demand-zero. */
	cr_assert_eq(*(u8 *)mm_gpa_to_virt(&f.mm, LOAD_GPA + CODE_BYTES), 0);
	cr_assert_null(mm_gpa_to_virt(&f.mm, LOAD_GPA + 2 * PAGE_SIZE));
	cr_assert_eq(f.mm.stats.pages_populated, 2);
	cr_assert_eq(f.mm.stats.ept_violations, 0);
}

/* Each bad image: the reason it must give, and nothing mapped. */
static void expect_refused(const char *reason)
{
	cr_assert_eq(load(), -1);
	cr_assert(strstr(err, reason), "got '%s', want '%s'", err, reason);
	cr_assert_eq(f.mm.stats.pages_populated, 0);
	cr_assert_eq(frame_pool_used(&f.frames.pool), 0);
}

/* Is a file that is not ELF at all refused as such? */
Test(guest_loader, bad_magic_refused)
{
	img.eh.e_ident[1] = 'X';
	expect_refused("not an ELF file");
}

/* Is a 32-bit ELF refused? */
Test(guest_loader, elf32_refused)
{
	img.eh.e_ident[EI_CLASS] = 1;
	expect_refused("not a little-endian ELF64 file");
}

/* Is an ELF for another machine refused? */
Test(guest_loader, wrong_machine_refused)
{
	img.eh.e_machine = 183;	/* EM_AARCH64 */
	expect_refused("not an x86-64 ELF file");
}

/* Is a shared object (not ET_EXEC) refused? */
Test(guest_loader, shared_object_refused)
{
	img.eh.e_type = 3;	/* ET_DYN */
	expect_refused("not an ELF executable");
}

/* Is a program header table past the end of the file refused? */
Test(guest_loader, phdrs_past_end_refused)
{
	img.eh.e_phoff = sizeof(img) - 8;
	expect_refused("bad program header table");
}

/* Is a segment whose file bytes run past the file refused? */
Test(guest_loader, segment_past_file_end_refused)
{
	img.ph.p_filesz = sizeof(img);
	img.ph.p_memsz = sizeof(img);
	expect_refused("outside the file");
}

/* Is a segment that ends beyond guest memory refused, naming the range? */
Test(guest_loader, segment_beyond_guest_memory_refused)
{
	img.ph.p_memsz = GUEST_MEM;
	expect_refused("falls outside guest memory");
}

/* Is a segment below FL_GUEST_LOAD_MIN (over the boot pages) refused? */
Test(guest_loader, segment_over_boot_pages_refused)
{
	img.ph.p_paddr = FL_GUEST_PML4_GPA;
	img.eh.e_entry = FL_GUEST_PML4_GPA;
	expect_refused("falls outside guest memory");
}

/* Does a wrapping address (p_paddr + p_memsz overflows) get refused, not wrapped? */
Test(guest_loader, wrapping_segment_refused)
{
	img.ph.p_paddr = ~0ull - PAGE_SIZE;
	expect_refused("falls outside guest memory");
}

/* Is an entry point outside every executable segment refused? */
Test(guest_loader, entry_outside_code_refused)
{
	img.eh.e_entry = LOAD_GPA + CODE_BYTES + BSS_BYTES + 1;
	expect_refused("entry point");
}

/* Is a file too short for an ELF header refused without reading past it? */
Test(guest_loader, truncated_header_refused)
{
	cr_assert_eq(guest_load_elf(&f.mm, (const u8 *)&img, 10, &gi, err,
				    sizeof(err)), -1);
	cr_assert(strstr(err, "not an ELF file"));
}
