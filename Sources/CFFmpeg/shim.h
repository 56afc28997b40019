// The few FFmpeg macros Swift cannot import, re-exported as inline functions.
#pragma once
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
