/* boot/efi_file.c - read a whole file from the volume faultline was loaded from. No Linux twin: the EFI stub's efi_load_file does this for initrd. */
#include <efi.h>
#include <efilib.h>
#include "efi_file.h"
#include "../include/types.h"

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

EFI_STATUS efi_read_file(EFI_HANDLE image, const char *path, void **data,
			 UINTN *size)
{
	EFI_LOADED_IMAGE *loaded;
	EFI_FILE_HANDLE root, file;
	EFI_FILE_INFO *info;
	CHAR16 wpath[256];
	EFI_STATUS st;

	st = uefi_call_wrapper(BS->HandleProtocol, 3, image,
			       &LoadedImageProtocol, (void **)&loaded);
	if (EFI_ERROR(st))
		return st;
	root = LibOpenRoot(loaded->DeviceHandle);
	if (!root)
		return EFI_NOT_FOUND;
	to_efi_path(path, wpath, sizeof(wpath) / sizeof(wpath[0]));
	st = uefi_call_wrapper(root->Open, 5, root, &file, wpath,
			       EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st))
		return st;
	info = LibFileInfo(file);
	if (!info) {
		uefi_call_wrapper(file->Close, 1, file);
		return EFI_DEVICE_ERROR;
	}
	*size = info->FileSize;
	FreePool(info);
	st = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData,
			       *size + 1, data);
	if (!EFI_ERROR(st))
		st = uefi_call_wrapper(file->Read, 3, file, size, *data);
	if (!EFI_ERROR(st))
		((char *)*data)[*size] = '\0';	/* text files read as C strings */
	uefi_call_wrapper(file->Close, 1, file);
	return st;
}
