/* boot/efi_twin.c - trace=off: load faultline-notrace.efi from the ESP and start it in faultline's place (UEFI LoadImage/StartImage, as a boot manager chain-loads). No Linux twin. */
#include <efi.h>
#include "efi_file.h"
#include "efi_twin.h"
#include "console.h"

static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;

EFI_STATUS efi_start_twin(EFI_SYSTEM_TABLE *st, EFI_HANDLE image,
			  const char **why)
{
	EFI_BOOT_SERVICES *bs = st->BootServices;
	EFI_LOADED_IMAGE *self, *twin_info;
	EFI_HANDLE twin = NULL;
	void *data = NULL;
	UINTN size = 0;
	EFI_STATUS s;

	s = efi_read_file(st, image, EFI_TWIN_FILE, &data, &size);
	if (EFI_ERROR(s)) {
		*why = "not on this volume";
		return s;
	}
	/* From memory: the firmware checks the PE image and relocates it. */
	s = uefi_call_wrapper(bs->LoadImage, 6, FALSE, image, NULL, data,
			      size, &twin);
	uefi_call_wrapper(bs->FreePool, 1, data);	/* LoadImage copied it */
	if (EFI_ERROR(s)) {
		/* A security refusal still leaves an image handle behind. */
		if (twin)
			uefi_call_wrapper(bs->UnloadImage, 1, twin);
		*why = "the firmware would not load it";
		return s;
	}
	/*
	 * Loaded from a buffer, the twin has no volume of its own: give it
	 * this one, where faultline.opt and the guests are (efi_file.c
	 * opens LoadedImage->DeviceHandle). OVMF takes this; a firmware
	 * that measured or checked images by their device path would want
	 * the file's path handed to LoadImage instead (its FilePath stays
	 * NULL here), which needs a device-path builder faultline lacks.
	 */
	s = uefi_call_wrapper(bs->HandleProtocol, 3, image, &loaded_image_guid,
			      (void **)&self);
	if (!EFI_ERROR(s))
		s = uefi_call_wrapper(bs->HandleProtocol, 3, twin,
				      &loaded_image_guid, (void **)&twin_info);
	if (EFI_ERROR(s)) {
		uefi_call_wrapper(bs->UnloadImage, 1, twin);
		*why = "no loaded-image protocol";
		return s;
	}
	twin_info->DeviceHandle = self->DeviceHandle;
	/* From here the boot is the twin's: it never returns once it runs. */
	printk("faultline: trace=off: starting %s, faultline with every "
	       "tracepoint compiled out\n", EFI_TWIN_FILE);
	s = uefi_call_wrapper(bs->StartImage, 3, twin, NULL, NULL);
	/* It did not start (or came back, which its boot never does). */
	uefi_call_wrapper(bs->UnloadImage, 1, twin);
	printk("faultline: %s did not start\n", EFI_TWIN_FILE);
	*why = "the firmware would not start it";
	return EFI_ERROR(s) ? s : EFI_ABORTED;
}
