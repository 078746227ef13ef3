#!/usr/bin/env bash
# Rebuild the web page's vendored front-end pieces from the npm registry (no CDN at run time:
# offices run on intranets). Writes src/briefmaker/service/web/static/vendor/: minified files,
# each package's LICENSE, and VERSIONS.txt with the exact versions and their integrity hashes.
#     bash tools/vendor_web.sh        # needs node and npm
set -euo pipefail
cd "$(dirname "$0")/.."
CODEMIRROR=5.65.20
TERSER=5.51.4
out=src/briefmaker/service/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent "codemirror@$CODEMIRROR" >/dev/null \
  && npm install --silent --no-save "terser@$TERSER" >/dev/null \
  && mkdir cm && tar xzf "codemirror-$CODEMIRROR.tgz" -C cm )
cm=$work/cm/package
rm -rf "$out" && mkdir -p "$out/codemirror"
# one script: the editor and its YAML mode, minified (the licence header kept)
cat "$cm/lib/codemirror.js" "$cm/mode/yaml/yaml.js" \
  | "$work/node_modules/.bin/terser" --compress --mangle --comments '/^!|@license|MIT/' \
  > "$out/codemirror/codemirror.min.js"
cp "$cm/lib/codemirror.css" "$out/codemirror/codemirror.css"
cp "$cm/LICENSE" "$out/codemirror/LICENSE"
{
  echo "codemirror $CODEMIRROR (lib/codemirror.js + mode/yaml/yaml.js, minified with terser $TERSER; lib/codemirror.css)"
  echo "  integrity $(cd "$work" && npm view "codemirror@$CODEMIRROR" dist.integrity)"
  echo "  licence: MIT (codemirror/LICENSE)"
} > "$out/VERSIONS.txt"
echo "wrote $out"
