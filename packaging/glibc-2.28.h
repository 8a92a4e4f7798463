/* Forced into every C file of the bullseye build's CPython and SQLite (CFLAGS
 * `-include`, see packaging/build-deb-bullseye) so that they need glibc 2.28 at most
 * (统信UOS V20, Debian 10), although they are built against bullseye's glibc 2.31.
 *
 * glibc 2.29 gave exp, exp2, log, log2 and pow new symbol versions (GLIBC_2.29): the
 * same new implementations without the old SVID error-handling wrapper (matherr,
 * _LIB_VERSION), which programs linked since 2.27 cannot use anyway. The old versions
 * are still in every later libm and call the same code, setting errno in the POSIX way
 * (checked on glibc 2.36: the same values and errno for overflow, underflow, log(0) and
 * domain errors; only log of a negative number gives NaN without the sign bit), so
 * binding the references to them changes no result CPython or SQLite use (CPython's math
 * module handles log of non-positive numbers itself). `.symver` makes the assembler
 * write the reference as NAME@BASE-VERSION instead of the default (newest) version.
 *
 * sem_clockwait (GLIBC_2.30) is kept out with configure's `ac_cv_func_sem_clockwait=no`
 * instead: CPython then waits with sem_timedwait, as on older glibc.
 */
#if defined(__x86_64__)
#define JIANFU_GLIBC_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__) /* not tried: only amd64 is built here */
#define JIANFU_GLIBC_BASE "GLIBC_2.17"
#endif

#ifdef JIANFU_GLIBC_BASE
__asm__(".symver exp,exp@" JIANFU_GLIBC_BASE);
__asm__(".symver exp2,exp2@" JIANFU_GLIBC_BASE);
__asm__(".symver log,log@" JIANFU_GLIBC_BASE);
__asm__(".symver log2,log2@" JIANFU_GLIBC_BASE);
__asm__(".symver pow,pow@" JIANFU_GLIBC_BASE);
#endif
