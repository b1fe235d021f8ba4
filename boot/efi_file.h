/* boot/efi_file.h - files on the ESP. */
#ifndef FAULTLINE_EFI_FILE_H
#define FAULTLINE_EFI_FILE_H

/*
 * Read path ('/' or '\\' separated, relative to the volume root) into a
 * fresh pool buffer with a NUL after the last byte.
 */
EFI_STATUS efi_read_file(EFI_SYSTEM_TABLE *st, EFI_HANDLE image,
			 const char *path, void **data, UINTN *size);

#endif
