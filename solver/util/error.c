/* error.c - the error table and per-call error context. */
#include "arsenal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const err_text[] = {"success",
#define XX(name, text) text,
                                       ARS_ERRNO_MAP(XX)
#undef XX
};

static const char *const err_names[] = {"ARS_OK",
#define XX(name, text) "ARS_E" #name,
                                        ARS_ERRNO_MAP(XX)
#undef XX
};

const char *ars_strerror(int code)
{
    int i = -code;
    if (i < 0 || i >= (int)(sizeof err_text / sizeof err_text[0]))
        return "unknown error";
    return err_text[i];
}

const char *ars_err_name(int code)
{
    int i = -code;
    if (i < 0 || i >= (int)(sizeof err_names / sizeof err_names[0]))
        return "ARS_EUNKNOWN";
    return err_names[i];
}

void ars_error_clear(ars_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

int ars_error_set(ars_error *err, int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return code;
    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

const char *ars_version(void)
{
#ifdef ARSENAL_VERSION
    return ARSENAL_VERSION;
#else
    return "0";
#endif
}
