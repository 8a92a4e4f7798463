/* A stand-in for Windows' bcryptprimitives.dll, for running the Windows build under wine only.
 *
 * Programs built with Rust 1.78 or later (rjieba's extension module) get their random numbers
 * from ProcessPrng in bcryptprimitives.dll, which Windows 10 and 11 have and wine 8 (Debian 12)
 * has not, so the module does not load. packaging/build-windows compiles this file with
 * mingw-w64 into the wine prefix's System32 (never into the app or the installer); it answers
 * from the system's generator, RtlGenRandom (advapi32's SystemFunction036).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
