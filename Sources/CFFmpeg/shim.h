// The few FFmpeg macros Swift cannot import, re-exported as inline functions.
#pragma once
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // O_DIRECT
#endif
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
#ifdef O_DIRECT
  return O_DIRECT;
#else
  return 0;
#endif
}
