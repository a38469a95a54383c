#!/usr/bin/env bash
# make test, run inside with-servers.sh: every package under the race
# detector, except the ui tests that render every screen in four
# languages (the golden pictures, no English on other languages, no text
# cut off or ending mid-line, the OCR parity). Those draw pixels with the software painter on
# one goroutine, where the race detector has nothing to find and costs
# four times the time: under it they alone took more than go test's
# 30 minutes on two cores. They run once more, without it, right after,
# with the test that times the window's answer to a user switch in
# 100 ms: under the race detector's instrumentation a frame alone takes
# longer than that.
#   scripts/test-suite.sh PACKAGES...
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
render='^(TestGoldenScreens|TestNoEnglishOnOtherLanguageScreens|TestNoTextCutOffOnAnyScreen|TestPanesEndOnWholeLines|TestParityOnThePixels|TestChangingUserDuringAutoSyncKeepsWindowResponsive)$'
status=0
bash "$here/run-tests.sh" ${RACE--race} -timeout 30m -count=1 -skip "$render" "$@" || status=1
bash "$here/run-tests.sh" -timeout 20m -count=1 -run "$render" ./ui/ || status=1
exit "$status"
