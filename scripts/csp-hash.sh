#!/usr/bin/env bash
#! Trunk post-build hook: allows Trunk's inline loader script in the Content-Security-Policy by its hash.
# index.html's CSP names 'sha256-TRUNK_INLINE_SCRIPTS'; this replaces that placeholder with the
# sha256 of every inline <script> Trunk wrote, so no other inline script can run. A hash, not a
# nonce: dist/ is static, and a nonce that never changes protects nothing.
set -euo pipefail
page="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
html=$(<"$page")
hashes=""
rest=$html
while [[ $rest == *"<script"* ]]; do
  rest=${rest#*<script}
  tag=${rest%%>*}
  body=${rest#*>}
  body=${body%%</script>*}
  rest=${rest#*</script>}
  [[ $tag == *" src="* ]] && continue
  digest=$(printf '%s' "$body" | sha256sum | cut -d' ' -f1)
  # sha256sum prints hex; CSP wants base64 of the raw digest.
  base64=$(printf '%b' "$(sed 's/../\\x&/g' <<<"$digest")" | base64 -w0)
  hashes+="'sha256-$base64' "
done
if [[ $html != *"'sha256-TRUNK_INLINE_SCRIPTS'"* ]]; then
  echo "csp-hash: index.html has no 'sha256-TRUNK_INLINE_SCRIPTS' placeholder" >&2
  exit 1
fi
html=${html//"'sha256-TRUNK_INLINE_SCRIPTS' "/$hashes}
printf '%s\n' "$html" >"$page"
