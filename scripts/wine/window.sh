# shellcheck shell=bash
# The window of the installed postbridge.exe, as an office sees it
# (sourced by scripts/check-windows.sh after steps.sh): the demo office
# (Bouwbedrijf De Vries B.V.) on a database of its own, its sample mails
# delivered to Dovecot and synchronised, then the window in Dutch
# (--lang nl, on a Wine whose own language is English) in Windows' light
# mode. The picture is what docs/windows-window.png shows.

demo_db='C:\Bouwbedrijf De Vries\postbridge.db'
demo_att='C:\Bouwbedrijf De Vries\Bijlagen'
demo_user='Tineke de Vries' # the user the toolbar shows

# dpb ARGS runs the installed postbridge.exe on the demo office's database.
dpb() { pb --db "$demo_db" "$@"; }

# demo_office fills the demo office with its accounts on the test Dovecot
# and Postfix, delivers the sample mails and synchronises them.
demo_office() {
  local fp mails=$work/demo-mails login folder file want got
  mkdir -p "$(unix_of "$demo_att")"
  fp=$(openssl x509 -in "$POSTBRIDGE_TEST_CERT" -noout -fingerprint -sha256 | cut -d= -f2)
  # Logins starting with "t" (tineke, thijs) share the stack's test password.
  printf '%s\n' "$POSTBRIDGE_TEST_SHARED_PASSWORD" | dpb demo-fill --imap "$POSTBRIDGE_TEST_IMAPS" \
    --smtp "$POSTBRIDGE_TEST_SUBMISSION" --fingerprint "$fp" --attachments "$demo_att" \
    --mails "$(winepath -w "$mails")" >"$work/demo-fill.txt" 2>&1 ||
    fail "demo-fill failed: $(tail -3 "$work/demo-fill.txt")"
  while IFS=$'\t' read -r login folder file; do
    doveadm -c "$POSTBRIDGE_TEST_DOVECOT_CONF" mailbox create -u "$login" "$folder" 2>/dev/null || true
    doveadm -c "$POSTBRIDGE_TEST_DOVECOT_CONF" save -u "$login" -m "$folder" <"$(unix_of "${file%$'\r'}")"
  done <"$mails/index.tsv"
  want=$(wc -l <"$mails/index.tsv") # In, Out and the ProjektPro project folder
  dpb sync --json >"$work/demo-sync.json" || fail "sync of the demo office failed: $(cat "$work/demo-sync.json")"
  got=$(jq '[.[].imported] | add' "$work/demo-sync.json")
  [ "$got" = "$want" ] || fail "the demo sync imported $got messages, want $want: $(cat "$work/demo-sync.json")"
}

# remember_user writes the toolbar's user into the window's preferences,
# as choosing it once in the window does (Fyne's file under %AppData%).
remember_user() {
  local appdata
  appdata=$(unix_of "$(wine cmd /c echo %APPDATA% | tr -d '\r')")
  mkdir -p "$appdata/fyne/nl.postbridge.app"
  jq -n --arg u "$demo_user" '{current_user: $u}' >"$appdata/fyne/nl.postbridge.app/preferences.json"
}

# start_xvfb starts an X server; its display number lands in
# $work/display. The screen is
# large enough that the pointer, in its middle, is off the window (else
# the row under it shows as hovered).
start_xvfb() {
  exec 5> >(cat >"$work/display")
  Xvfb -displayfd 5 -screen 0 2560x1600x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || fail "Xvfb did not start"
}

# click X Y clicks there on $display and moves the pointer off the
# window again (XTest, as a mouse would: scripts/install-deps.sh installs
# python3 and libxtst6). The window's layout decides what is under X Y.
click() {
  DISPLAY=$display python3 - "$1" "$2" <<'EOF'
import ctypes, sys, time
x11, xtst = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
d = ctypes.c_void_p(x11.XOpenDisplay(None))
def at(x, y):
    xtst.XTestFakeMotionEvent(d, -1, x, y, 0)
    x11.XFlush(d)
    time.sleep(0.3)
at(int(sys.argv[1]), int(sys.argv[2]))
for down in (1, 0):
    xtst.XTestFakeButtonEvent(d, 1, down, 0)
    x11.XFlush(d)
    time.sleep(0.1)
at(2500, 1500)
EOF
}

# window_origin prints "X Y", where the Postbridge window is on the screen.
window_origin() {
  DISPLAY=$display xwininfo -root -tree |
    sed -n 's/.*"Postbridge".* [0-9]*x[0-9]*+\([0-9]*\)+\([0-9]*\) .*/\1 \2/p' | head -n1
}

open_window() {
  local pid words x y
  remember_user
  # Windows' "light" app mode (Settings > Personalisation > Colours).
  wine reg add 'HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize' \
    /v AppsUseLightTheme /t REG_DWORD /d 1 /f >/dev/null 2>&1
  start_xvfb
  display=":$(head -n1 "$work/display")" # global: click and window_origin use it
  # A wineserver still up from the steps before, started without DISPLAY,
  # has no X driver: the window would fail ("Failed to create helper
  # window", then a GLFW panic). The window gets a wineserver of its own.
  wineserver -k 2>/dev/null || true
  wineserver -w
  # LC_ALL: Wine itself English, so only --lang can make the window Dutch.
  DISPLAY=$display LC_ALL=en_US.UTF-8 wine "$exe_win" --db "$demo_db" --lang nl >"$work/window.log" 2>&1 &
  pid=$!
  # xwininfo's list is read whole: with pipefail, "xwininfo | grep -q"
  # fails when grep quits on its match before xwininfo's last write.
  for _ in $(seq 120); do
    if grep -q '"Postbridge' <<<"$(DISPLAY=$display xwininfo -root -tree 2>/dev/null)"; then break; fi
    kill -0 "$pid" 2>/dev/null || fail "postbridge.exe exited before its window opened: $(tail -5 "$work/window.log")"
    sleep 0.5
  done
  grep -q '"Postbridge' <<<"$(DISPLAY=$display xwininfo -root -tree)" || fail "no Postbridge window after 60 s"
  sleep 8 # the first frame, and the automatic sync the window starts for the user
  # The fourth message of the list opened in the pane below it.
  read -r x y <<<"$(window_origin)"
  click $((${x:-0} + 700)) $((${y:-0} + 341))
  sleep 2
  DISPLAY=$display xwd -root -silent | convert xwd:- -trim "png:$work/window.png"
  kill "$pid" 2>/dev/null || true
  wineserver -k || true
  wait "$pid" 2>/dev/null || true
  # The words of the Dutch toolbar and navigation, read back from the picture.
  words=$(tesseract "$work/window.png" - -l nld 2>/dev/null)
  # (Not "Synchroniseren": white on blue, OCR misreads it.)
  for w in Annuleren Gebruiker Berichten Synchronisatielog "$demo_user"; do
    grep -qF -- "$w" <<<"$words" || fail "the window does not show '$w' (--lang nl); it reads: $(echo $words | cut -c1-200)"
  done
  if [ -n "${WINDOWS_SCREENSHOT:-}" ]; then
    cp "$work/window.png" "$WINDOWS_SCREENSHOT"
    echo "check-windows: screenshot in $WINDOWS_SCREENSHOT"
  fi
}
