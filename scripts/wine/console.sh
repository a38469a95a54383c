# shellcheck shell=bash
# The command line on Windows, as an admin types it (sourced by
# scripts/check-windows.sh after steps.sh): postbridge.com found on the
# PATH the MSI set, the README's Windows commands run by cmd as written,
# output and exit codes as any console program gives them. Wine has no
# PowerShell, so cmd stands for both.

install_dir='C:\Program Files\Postbridge\'
env_key='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'

# system_path prints the system PATH as the registry holds it.
system_path() {
  wine reg query "$env_key" /v Path 2>/dev/null | tr -d '\r' | sed -n 's/^ *Path *REG_[A-Z_]* *//p'
}

# path_count prints how often the install folder is on the system PATH.
path_count() {
  system_path | tr ';' '\n' | grep -cixF "$install_dir" || true
}

# cmd_bat NAME LINES... writes the lines as NAME.bat (CRLF, echo off) and
# runs it in a new cmd: stdout in NAME.out, stderr in NAME.err; prints
# cmd's exit code, which is the last command's %ERRORLEVEL%.
cmd_bat() {
  local name=$1 code=0
  shift
  { printf '@echo off\r\n'; printf '%s\r\n' "$@"; } >"$work/$name.bat"
  (cd "$work" && wine cmd /c "$name.bat") >"$work/$name.out" 2>"$work/$name.err" || code=$?
  tr -d '\r' <"$work/$name.out" >"$work/$name.txt"
  echo "$code"
}

# readme_block prints the ```bat block that follows "Commands on Windows".
readme_block() {
  awk '/^\*\*Commands on Windows\.\*\*/ { on = 1 }
    on && /^```bat/ { inblock = 1; next }
    inblock && /^```/ { exit }
    inblock { print }' README.md
}

path_set() {
  [ -f "$(unix_of "${install_dir}postbridge.com")" ] || fail "${install_dir}postbridge.com missing after install"
  [ "$(path_count)" = 1 ] || fail "the system PATH holds $install_dir $(path_count) times, want once"
}

# console_readme runs the README's block as a .bat: postbridge is found on
# the PATH, it is postbridge.com (Wine's trace names the program cmd
# starts), and the output and %ERRORLEVEL% are on the console.
console_readme() {
  local lines code
  # Programs started from here on see the PATH the install wrote.
  wineserver -k 2>/dev/null || true
  wineserver -w
  mapfile -t lines < <(readme_block)
  [ "${#lines[@]}" -ge 2 ] || fail "no bat block under 'Commands on Windows' in the README"
  code=$(WINEDEBUG=-all,+process cmd_bat readme "${lines[@]}")
  grep -q 'app L"C:\\\\Program Files\\\\Postbridge\\\\*postbridge.com"' "$work/readme.err" ||
    fail "cmd did not start postbridge.com for 'postbridge' (started: $(grep -o 'app L"[^"]*"' "$work/readme.err" | sort -u | tr '\n' ' '))"
  if grep -q 'postbridge.exe"' "$work/readme.err"; then fail "cmd started postbridge.exe, the window program"; fi
  [ "$code" = 0 ] || fail "the README's commands exited $code: $(tail -3 "$work/readme.txt")"
  [ "$(head -n1 "$work/readme.txt")" = "$(the_version)" ] ||
    fail "postbridge --version printed '$(head -n1 "$work/readme.txt")', want '$(the_version)'"
  grep -q "^STATE .*ACCOUNT" "$work/readme.txt" || fail "postbridge status printed no table: $(cat "$work/readme.txt")"
  grep -qw "$user" "$work/readme.txt" || fail "postbridge status does not list $user: $(cat "$work/readme.txt")"
  [ "$(tail -n1 "$work/readme.txt")" = 0 ] || fail "echo %ERRORLEVEL% after status printed '$(tail -n1 "$work/readme.txt")', want 0"
}

# console_case NAME WANT-CODE STDERR-PATTERN ARGS: one command through cmd,
# its exit code and its one line on stderr.
console_case() {
  local name=$1 want=$2 pattern=$3 code lines
  shift 3
  code=$(cmd_bat "$name" "postbridge $*" 'exit /b %ERRORLEVEL%')
  [ "$code" = "$want" ] || fail "postbridge $* exited $code, want $want: $(cat "$work/$name.err")"
  grep -qE "$pattern" "$work/$name.err" || fail "postbridge $* said '$(cat "$work/$name.err")', want /$pattern/"
  lines=$(grep -c . "$work/$name.err" || true)
  [ "$lines" = 1 ] || fail "postbridge $* wrote $lines lines to stderr, want one sentence"
}

console_codes() {
  local key=user/Console/imap code
  console_case unknown-command 2 'unknown command "nosuch"' nosuch
  console_case bad-db 1 'cannot open a mysql:// database.*postgres://' status --db mysql://x
  console_case user-case 1 "did you mean \"?$user" sync --user "${user,,}"
  # Input too: a value piped into secret set reaches the Credential Manager.
  code=$(cmd_bat secret-pipe "echo not-a-password| postbridge secret set $key")
  [ "$code" = 0 ] || fail "echo ...| postbridge secret set exited $code: $(cat "$work/secret-pipe.err")"
  credentials | grep -qxF "Generic: Postbridge:$key" || fail "secret set through cmd stored no $key"
}

# readme_paths: every program the README names under Program Files is
# one the MSI installed (the schtasks line, the full-path examples).
readme_paths() {
  local p n=0
  while read -r p; do
    [ -f "$(unix_of "$p")" ] || fail "the README names $p; the MSI installed no such file"
    n=$((n + 1))
  done < <(grep -oE 'C:\\Program Files\\Postbridge\\[A-Za-z0-9.-]+' README.md | sort -u)
  [ "$n" -ge 2 ] || fail "found $n program paths in the README; the pattern is broken"
}
