/*
 * Test-only stand-in for bcryptprimitives.dll, which Wine 8 lacks.
 *
 * Go >= 1.24 calls bcryptprimitives.dll!ProcessPrng for its random numbers
 * as soon as a Windows program starts; Windows 10 and later have it, Wine 8
 * does not, so every Go program dies there ("bcryptprimitives.dll not
 * found"). This DLL exports ProcessPrng over RtlGenRandom
 * (advapi32!SystemFunction036), which Wine has. scripts/wine-prefix.sh
 * builds it with mingw into a test prefix only; it is never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* ProcessPrng never fails on Windows; Go aborts when it returns FALSE.
 * RtlGenRandom takes a ULONG, so larger requests go in chunks. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
