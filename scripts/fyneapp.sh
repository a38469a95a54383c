# shellcheck shell=bash
# Sourced by the packaging scripts: reads FyneApp.toml, the one place the
# name and version are written.
#
# fyneapp_get SECTION KEY prints one plain value; SECTION "" is the top of
# the file (Website). Enough for the flat key = value lines FyneApp.toml
# holds; callers validate what they use.
fyneapp_get() {
  awk -v sec="$1" -v key="$2" '
    BEGIN { insec = (sec == "") }
    /^[ \t]*\[/ { insec = ($1 == "[" sec "]"); next }
    insec {
      i = index($0, "="); if (i == 0) next
      k = substr($0, 1, i - 1); v = substr($0, i + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (k == key) { gsub(/^"|"$/, "", v); print v; exit }
    }' "${FYNEAPP_TOML:-FyneApp.toml}"
}
