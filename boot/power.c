/* boot/power.c - end of every run: leave VMX, then ask the firmware to power off. Linux: kernel/reboot.c (kernel_power_off) via efi_reboot(). */
#include <efi.h>
#include "../include/console.h"
#include "../vmm/vmm.h"
#include "../vmm/vmx_ops.h"

/* Runtime services stay callable after ExitBootServices: boot/ keeps the table. */
EFI_RUNTIME_SERVICES *fl_runtime_services;

void machine_power_off(void)
{
	serial_flush();
	if (vmx_on) {
		vmx_on = false;
		vmxoff();
	}
	if (fl_runtime_services)
		uefi_call_wrapper(fl_runtime_services->ResetSystem, 4,
				  EfiResetShutdown, EFI_SUCCESS, 0, NULL);
	/* ResetSystem does not return; if the firmware lets it, stop here. */
	for (;;)
		__asm__ volatile("cli; hlt");
}
