/* boot/efi_file.c - read a whole file from the volume faultline was loaded from. Linux: drivers/firmware/efi/libstub/file.c (efi_open_volume, efi_open_file). */
#include <efi.h>
#include "efi_file.h"
#include "../include/types.h"

/*
 * faultline calls the firmware's protocols directly instead of gnu-efi's
 * libefi: libefi brings its own memset/memcpy and a pool allocator, and
 * faultline wants neither twice.
 */
static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID simple_fs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
static EFI_GUID file_info_guid = EFI_FILE_INFO_ID;

/* "guests/x.elf" -> L"\\guests\\x.elf" */
static void to_efi_path(const char *path, CHAR16 *out, size_t max)
{
	size_t n = 0;

	if (path[0] != '\\' && path[0] != '/')
		out[n++] = L'\\';
	for (; *path && n + 1 < max; path++)
		out[n++] = *path == '/' ? L'\\' : (CHAR16)*path;
	out[n] = 0;
}

static EFI_STATUS open_root(EFI_SYSTEM_TABLE *st, EFI_HANDLE image,
			    EFI_FILE_HANDLE *root)
{
	EFI_BOOT_SERVICES *bs = st->BootServices;
	EFI_LOADED_IMAGE *loaded;
	EFI_FILE_IO_INTERFACE *fs;
	EFI_STATUS s;

	s = uefi_call_wrapper(bs->HandleProtocol, 3, image, &loaded_image_guid,
			      (void **)&loaded);
	if (EFI_ERROR(s))
		return s;
	s = uefi_call_wrapper(bs->HandleProtocol, 3, loaded->DeviceHandle,
			      &simple_fs_guid, (void **)&fs);
	if (EFI_ERROR(s))
		return s;
	return uefi_call_wrapper(fs->OpenVolume, 2, fs, root);
}

/* EFI_FILE_INFO ends in a variable-length name: room for a long one. */
#define FILE_INFO_BUFFER	(sizeof(EFI_FILE_INFO) + 512)

EFI_STATUS efi_read_file(EFI_SYSTEM_TABLE *st, EFI_HANDLE image,
			 const char *path, void **data, UINTN *size)
{
	EFI_BOOT_SERVICES *bs = st->BootServices;
	u64 info_buf[FILE_INFO_BUFFER / sizeof(u64) + 1];
	EFI_FILE_INFO *info = (EFI_FILE_INFO *)info_buf;
	UINTN info_size = sizeof(info_buf);
	EFI_FILE_HANDLE root, file;
	CHAR16 wpath[256];
	EFI_STATUS s;

	s = open_root(st, image, &root);
	if (EFI_ERROR(s))
		return s;
	to_efi_path(path, wpath, sizeof(wpath) / sizeof(wpath[0]));
	s = uefi_call_wrapper(root->Open, 5, root, &file, wpath,
			      EFI_FILE_MODE_READ, 0);
	uefi_call_wrapper(root->Close, 1, root);
	if (EFI_ERROR(s))
		return s;
	s = uefi_call_wrapper(file->GetInfo, 4, file, &file_info_guid,
			      &info_size, info);
	if (!EFI_ERROR(s)) {
		*size = info->FileSize;
		s = uefi_call_wrapper(bs->AllocatePool, 3, EfiLoaderData,
				      *size + 1, data);
	}
	if (!EFI_ERROR(s))
		s = uefi_call_wrapper(file->Read, 3, file, size, *data);
	if (!EFI_ERROR(s))
		((char *)*data)[*size] = '\0';	/* text files read as C strings */
	uefi_call_wrapper(file->Close, 1, file);
	return s;
}
