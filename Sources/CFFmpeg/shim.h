// The few FFmpeg macros Swift cannot import, re-exported as inline functions.
#pragma once
// Not _GNU_SOURCE (which O_DIRECT needs): defined here it changes glibc's own types (fd_set),
// and a clean build then fails where this module and Dispatch's both see them. glibc defines
// __O_DIRECT whatever the feature macros.
#include <fcntl.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

static inline int fsd_averror(int posixError) { return AVERROR(posixError); }
static inline int fsd_averror_eof(void) { return AVERROR_EOF; }
static inline int fsd_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int64_t fsd_nopts_value(void) { return AV_NOPTS_VALUE; }

// open(2)'s O_DIRECT, which Swift's Glibc module hides (_GNU_SOURCE); 0 where there is none.
static inline int fsd_o_direct(void) {
#if defined(O_DIRECT)
  return O_DIRECT;
#elif defined(__O_DIRECT)
  return __O_DIRECT;
#else
  return 0;
#endif
}
