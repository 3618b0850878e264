#!/usr/bin/env bash
# Runs the webgpu benchmarks (bench/webgpu-train.mjs in full, then bench/webgpu-profile.mjs) on the lent
# GPU machine, which has no Node.js, no node_modules and no network, from what scripts/gpu/bundle.mjs put
# in .gpu/. Run from anywhere in the repository; results land in $OUT (the device tool's folder that comes
# back; elsewhere out/gpu/).
#
# The one device call (in a session whose task is lent a GPU; first, on the dev machine, in the checkout
# that the session was started in, which is what the tool sends: `node scripts/gpu/bundle.mjs`):
#   run  command: bash scripts/gpu/run.sh   carry: [".gpu"]   timeout_s: 560
# It unpacks the Vulkan/GL loader .debs into / (the device README's recipe; as root, dpkg -x) and Node into
# a temp folder, checks that WebGPU finds a hardware adapter (falling back to the driver's ICD file,
# VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json, when the loader finds none), then
# runs each bench under `timeout`; the whole run stays within CONVKIT_GPU_BUDGET_S (470 s) plus unpacking.
# Files in $OUT (at most 8 come back): summary.md, env.txt, webgpu-train.log, webgpu-train.md,
# webgpu-profile.log, webgpu-profile.md, and loader-debug.txt when no adapter was found.
#
# Local check of the same path (no GPU; SwiftShader, Chromium's software Vulkan driver, as the adapter):
#   env -i PATH=/usr/bin:/bin HOME=$HOME bash scripts/gpu/run.sh --swiftshader --quick
# --swiftshader: VK_ICD_FILENAMES at SwiftShader (CONVKIT_SWIFTSHADER_ICD, else Chromium's folders); the
#   .debs are unpacked into the temp folder (LD_LIBRARY_PATH), not into /; a software adapter is accepted.
# --quick: the benches' small sizes (webgpu-train --quick, webgpu-profile --batch 2) and long time limits.
# Environment: OUT; CONVKIT_GPU_WORK (work folder, kept; default a temp folder, removed at the end);
# CONVKIT_GPU_BUDGET_S; CONVKIT_GPU_T_TRAIN and CONVKIT_GPU_T_PROFILE (per-step limits, s);
# CONVKIT_GPU_PROFILE_BATCH (default 64, the training batch); CONVKIT_GPU_DEBS_INTO_WORK=1 (unpack the
# .debs into the work folder even as root: to try the failure path here without writing into /).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# ldconfig lives in /usr/sbin (also under `env -i PATH=/usr/bin:/bin`, the local check)
export PATH="$PATH:/usr/sbin:/sbin"
BUNDLE=$ROOT/.gpu
SWIFTSHADER=0
QUICK=0
for arg in "$@"; do
  case $arg in
    --swiftshader) SWIFTSHADER=1 ;;
    --quick) QUICK=1 ;;
    -h | --help)
      sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "run.sh: unknown argument $arg (--swiftshader, --quick)" >&2
      exit 64
      ;;
  esac
done

OUT=${OUT:-$ROOT/out/gpu}
mkdir -p "$OUT"
if [ -n "${CONVKIT_GPU_WORK:-}" ]; then
  WORK=$CONVKIT_GPU_WORK
  mkdir -p "$WORK"
else
  # a temp folder of our own (Node unpacked is 86 MB): removed when the script ends
  WORK=$(mktemp -d /tmp/convkit-gpu.XXXXXX)
  trap 'rm -rf "$WORK"' EXIT
fi
if [ "$QUICK" = 1 ]; then
  BUDGET=${CONVKIT_GPU_BUDGET_S:-1800}
  T_TRAIN=${CONVKIT_GPU_T_TRAIN:-900}
  T_PROFILE=${CONVKIT_GPU_T_PROFILE:-900}
  PROFILE_BATCH=${CONVKIT_GPU_PROFILE_BATCH:-2}
else
  BUDGET=${CONVKIT_GPU_BUDGET_S:-470}
  T_TRAIN=${CONVKIT_GPU_T_TRAIN:-240}
  T_PROFILE=${CONVKIT_GPU_T_PROFILE:-150}
  PROFILE_BATCH=${CONVKIT_GPU_PROFILE_BATCH:-64}
fi
T_PROBE=45
DEADLINE=$((SECONDS + BUDGET))
SUMMARY=$OUT/summary.md
ENVTXT=$OUT/env.txt
: >"$ENVTXT"
printf '# webgpu bench on the GPU machine\n\n| step | result | seconds |\n| --- | --- | ---: |\n' >"$SUMMARY"

log() { echo "run.sh: $*" | tee -a "$ENVTXT"; }
# A step's row in summary.md.
row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3" >>"$SUMMARY"; }
die() {
  echo "run.sh: FAILED: $*" | tee -a "$ENVTXT" >&2
  printf '\nFAILED: %s\n' "$*" >>"$SUMMARY"
  exit 1
}
# Seconds a step may take: its own limit, cut to what is left of the whole run's budget.
limit() {
  local left=$((DEADLINE - SECONDS))
  if [ "$1" -lt "$left" ]; then echo "$1"; else echo "$left"; fi
}

log "started $(date -u +%FT%TZ) on $(uname -srm); swiftshader=$SWIFTSHADER quick=$QUICK; work folder $WORK; out $OUT"

# ---- the bundle
for f in node.gz app.tar.gz SHA256SUMS; do
  [ -f "$BUNDLE/$f" ] || die "$BUNDLE/$f is missing: run \`node scripts/gpu/bundle.mjs\` on the dev machine and name .gpu in the run call's carry list"
done
ls "$BUNDLE"/debs/*.deb >/dev/null 2>&1 || die "no .deb in $BUNDLE/debs (bundle.mjs downloads them)"
(cd "$BUNDLE" && sha256sum -c --quiet SHA256SUMS) || die "$BUNDLE does not match its SHA256SUMS (a partial copy?): bundle again"

# ---- Vulkan/GL loaders: the device README's recipe (dpkg -x into /, then ldconfig) as root on the GPU
# machine; into the work folder (LD_LIBRARY_PATH) for the local check or without root.
if [ "$SWIFTSHADER" = 0 ] && [ "$(id -u)" = 0 ] && [ -z "${CONVKIT_GPU_DEBS_INTO_WORK:-}" ]; then
  for f in "$BUNDLE"/debs/*.deb; do dpkg -x "$f" / || die "dpkg -x $f / failed"; done
  ldconfig
  LOADER=$(ldconfig -p | awk '/libvulkan\.so\.1 /{print $NF; exit}')
  log "loaders unpacked into / from $(ls "$BUNDLE"/debs | tr '\n' ' ')"
else
  mkdir -p "$WORK/gl"
  for f in "$BUNDLE"/debs/*.deb; do dpkg -x "$f" "$WORK/gl" || die "dpkg -x $f $WORK/gl failed"; done
  export LD_LIBRARY_PATH="$WORK/gl/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  LOADER=$WORK/gl/usr/lib/x86_64-linux-gnu/libvulkan.so.1
  log "loaders unpacked into $WORK/gl (LD_LIBRARY_PATH)"
fi
[ -n "$LOADER" ] && [ -e "$LOADER" ] || die "no libvulkan.so.1 after unpacking the loader packages (looked at: ${LOADER:-ldconfig -p})"
log "Vulkan loader: $LOADER"

# ---- Node and the bundled scripts
mkdir -p "$WORK/bin"
gzip -dc "$BUNDLE/node.gz" >"$WORK/bin/node" || die "could not unpack $BUNDLE/node.gz"
chmod +x "$WORK/bin/node"
tar -xzf "$BUNDLE/app.tar.gz" -C "$WORK" || die "could not unpack $BUNDLE/app.tar.gz"
export PATH="$WORK/bin:$PATH"
NODE=$WORK/bin/node
[ "$(command -v node)" = "$NODE" ] || die "node on the PATH is $(command -v node), not the unpacked $NODE"
NODE_EXEC=$("$NODE" -p process.execPath 2>&1) || die "the unpacked node does not start: $NODE_EXEC"
[ "$NODE_EXEC" = "$NODE" ] || die "the unpacked node reports $NODE_EXEC"
log "node $("$NODE" --version) at $NODE_EXEC (unpacked from .gpu/node.gz)"
APP=$WORK/app

# ---- where the Vulkan drivers are
NVIDIA_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
NVIDIA_EGL=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
if [ "$SWIFTSHADER" = 1 ]; then
  ICD=${CONVKIT_SWIFTSHADER_ICD:-}
  if [ -z "$ICD" ]; then
    for f in /usr/lib/chromium/vk_swiftshader_icd.json /usr/lib64/chromium/vk_swiftshader_icd.json \
      /usr/lib/chromium-browser/vk_swiftshader_icd.json "$HOME"/.cache/ms-playwright/chromium-*/chrome-linux/vk_swiftshader_icd.json; do
      if [ -f "$f" ]; then ICD=$f; break; fi
    done
  fi
  [ -n "$ICD" ] && [ -f "$ICD" ] || die "--swiftshader: no vk_swiftshader_icd.json (install Chromium, or set CONVKIT_SWIFTSHADER_ICD)"
  export VK_ICD_FILENAMES=$ICD
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
fi
ENVBLOCK=$WORK/env-block.txt
{
  echo "--- nvidia-smi"
  if command -v nvidia-smi >/dev/null; then nvidia-smi -L 2>&1; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1; else echo "(no nvidia-smi)"; fi
  echo "--- Vulkan driver manifests (ICD files)"
  ls -l /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/share/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d 2>&1
  echo "--- ldconfig: vulkan and nvidia libraries"
  ldconfig -p 2>/dev/null | grep -E 'libvulkan|libGLX_nvidia|libEGL_nvidia|libnvidia-glvkspirv' || echo "(none in the ld cache)"
  echo "--- environment"
  env | grep -E '^(VK_|__EGL|LD_LIBRARY_PATH|XDG_RUNTIME_DIR|PATH=)' | sort
} >"$ENVBLOCK" 2>&1
cat "$ENVBLOCK" | tee -a "$ENVTXT"

# ---- the adapter: must be the GPU (a software one only with --swiftshader)
EXPECT=--expect-hardware
[ "$SWIFTSHADER" = 1 ] && EXPECT=
probe() { timeout -k 5 "$T_PROBE" "$NODE" "$APP/probe.mjs" $EXPECT 2>&1 | tee -a "$ENVTXT"; return "${PIPESTATUS[0]}"; }
TRIED="loader $LOADER with ${VK_ICD_FILENAMES:+VK_ICD_FILENAMES=$VK_ICD_FILENAMES }${VK_DRIVER_FILES:+VK_DRIVER_FILES=$VK_DRIVER_FILES }"
[ -z "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ] && TRIED="${TRIED}the loader's default ICD search"
TRIED=${TRIED% }
t0=$SECONDS
probe
rc=$?
if [ "$rc" != 0 ] && [ "$SWIFTSHADER" = 0 ] && [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f "$NVIDIA_ICD" ]; then
  log "no adapter with the loader's default search; again with VK_DRIVER_FILES=$NVIDIA_ICD (the device README's fallback)"
  export VK_DRIVER_FILES=$NVIDIA_ICD __EGL_VENDOR_LIBRARY_FILENAMES=$NVIDIA_EGL
  TRIED="$TRIED; then VK_DRIVER_FILES=$NVIDIA_ICD"
  probe
  rc=$?
fi
if [ "$rc" != 0 ]; then
  row probe "failed (exit $rc)" $((SECONDS - t0))
  VK_LOADER_DEBUG=error,warn,info,driver timeout -k 5 "$T_PROBE" "$NODE" "$APP/probe.mjs" $EXPECT >"$OUT/loader-debug.txt" 2>&1
  [ -f "$NVIDIA_ICD" ] || TRIED="$TRIED ($NVIDIA_ICD does not exist)"
  [ "$SWIFTSHADER" = 1 ] && die "no WebGPU adapter (probe exit $rc): tried $TRIED; the Vulkan loader's own log is in loader-debug.txt"
  die "no hardware WebGPU adapter (probe exit $rc$([ "$rc" = 124 ] && echo ', timed out')): tried $TRIED; the Vulkan loader's own log is in loader-debug.txt"
fi
ADAPTER=$(grep '^probe: adapter:' "$ENVTXT" | tail -n 1 | sed 's/^probe: adapter: //')
row probe "adapter: $ADAPTER" $((SECONDS - t0))

# ---- the benches, each under its time limit
FAILED=0
# Runs one bench script: step name, time limit, then the script's arguments.
bench() {
  local name=$1 want=$2
  shift 2
  local t
  t=$(limit "$want")
  if [ "$t" -lt 20 ]; then
    row "$name" "skipped: $((DEADLINE - SECONDS)) s left of the ${BUDGET} s budget" 0
    log "$name skipped: the run's ${BUDGET} s budget is spent"
    FAILED=1
    return
  fi
  log "$name: node app/$name.mjs $* (limit ${t} s)"
  local s=$SECONDS
  (cd "$WORK" && timeout -k 10 "$t" "$NODE" "app/$name.mjs" "$@" 2>&1) | tee "$OUT/$name.log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" = 0 ]; then
    row "$name" ok $((SECONDS - s))
    # the tables' first line names the command that regenerates them: here, this script
    if [ -f "$OUT/$name.md" ]; then
      local shown=${*//$OUT/\$OUT}
      sed -i "1s|.*|<!-- generated on the GPU machine by \`bash scripts/gpu/run.sh\` (node bench/$name.mjs $shown); do not edit by hand -->|" "$OUT/$name.md"
    fi
  else
    local why="exit $rc"
    [ "$rc" = 124 ] || [ "$rc" = 137 ] && why="timed out after ${t} s"
    row "$name" "FAILED: $why (see $name.log)" $((SECONDS - s))
    echo "run.sh: FAILED: $name: $why" | tee -a "$ENVTXT" >&2
    FAILED=1
  fi
}
TRAIN_ARGS=(--markdown "$OUT")
[ "$QUICK" = 1 ] && TRAIN_ARGS+=(--quick)
bench webgpu-train "$T_TRAIN" "${TRAIN_ARGS[@]}"
bench webgpu-profile "$T_PROFILE" --batch "$PROFILE_BATCH" --markdown "$OUT"

{
  echo
  echo "Adapter: $ADAPTER. Node $("$NODE" --version); Vulkan loader $LOADER${VK_ICD_FILENAMES:+; VK_ICD_FILENAMES=$VK_ICD_FILENAMES}${VK_DRIVER_FILES:+; VK_DRIVER_FILES=$VK_DRIVER_FILES}. Total ${SECONDS} s."
  for f in webgpu-train webgpu-profile; do
    [ -f "$OUT/$f.md" ] && printf '\n## %s\n\n' "$f" && tail -n +3 "$OUT/$f.md"
  done
} >>"$SUMMARY"
echo
cat "$SUMMARY"
[ "$FAILED" = 0 ] || exit 1
