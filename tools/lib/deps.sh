# Installs the Debian packages a tools/ script needs, only when one is missing.
# Sourced by the tools/ scripts.

# ensure_packages PKG... — apt-get install the ones dpkg does not list as installed.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "${FSDLOG_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq >&2
    export FSDLOG_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# What building fsdlog needs: FFmpeg's libraries and SQLite, found through pkg-config.
BUILD_PACKAGES=(pkg-config libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libsqlite3-dev)

# `swift build "${TOOLS_PACKAGE[@]}" ...` builds the developer tools' package (tools/Package.swift:
# fsdlog-synth, fsdlog-bench-kernels and their tests) in a scratch folder of its own. Sharing
# fsdlog's .build would save compiling fsdlog's libraries a second time (about 3 minutes on two
# cores, once), but the two packages' build descriptions then overwrite each other: after a tools
# build, a plain `swift build` of fsdlog reported "Build complete" without compiling an edited file.
TOOLS_PACKAGE=(--package-path tools --scratch-path "${SWIFT_TOOLS_SCRATCH_PATH:-.build-tools}")

ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
      [ -x "$dir/swift" ] && export PATH="$dir:$PATH" && return 0
    done
    echo "error: swift is not on PATH; install Swift 6 (swift.org) and run again" >&2
    exit 1
  fi
}
