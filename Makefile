# Postbridge — what a newcomer types:
#   make run    install what is needed, build, open the window (SQLite database)
#   make test   start the real test servers and run vet and every test
GO      ?= go
BIN     := bin/postbridge
# The race detector needs cgo; the toolchain here has gcc.
RACE    ?= -race

.PHONY: all deps build run test fault check bench windows dist-windows dist-linux clean check-windows check-darwin

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

# The demo office (Bouwbedrijf De Vries B.V.) on real local Dovecot and
# Postfix (they need root): a fresh database, sample mail in the In, Out
# and ProjektPro folders, then the window: press Synchronize.
.PHONY: demo
demo: build
	bash scripts/demo.sh

# gofmt and vet first: they fail in seconds where the suite takes minutes.
check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# The main package has no tests and its GLFW driver is the slowest cgo
# build there is; vet (in check) already proves it compiles.
TEST_PKGS = $$($(GO) list ./... | grep -v '^postbridge$$')

# POSTBRIDGE_REQUIRE_OCR: the OCR parity test fails, not skips, without Tesseract.
# Every package runs under the race detector but the ui tests that render
# every screen in four languages, which run without it (scripts/test-suite.sh).
test: deps check
	POSTBRIDGE_REQUIRE_OCR=1 RACE=$(RACE) bash scripts/with-servers.sh bash scripts/test-suite.sh $(TEST_PKGS)

# The long fault runs: the sync engine killed with SIGKILL at random points
# and its connection cut by a proxy (also every 0.5-8 MB, which one sync
# must get through); 20 mailboxes watched at once into one
# PostgreSQL while mail arrives; three `postbridge sync` of one account
# at once on one SQLite file and two on one PostgreSQL database; each
# ends with an exactly-once check.
fault: deps
	bash scripts/with-servers.sh bash scripts/run-tests.sh -tags fault -count=1 -run 'TestKilled|TestConnectionDropped|TestCutEveryFewMegabytes|TestMirrorUnchangedLarge|TestFilerGathers|TestWatchLoad|TestSyncAtOnce' ./mail/imapsync/ ./app/autosync/ ./cli/

# PostgreSQL runs with fsync=on here, as an office's server does: its
# figures (BenchmarkFirstImportPostgres, BenchmarkWatch20MailboxesWaiting)
# are reported for durable commits. make test keeps it off.
bench: deps
	POSTBRIDGE_TEST_PG_FSYNC=on bash scripts/with-servers.sh $(GO) test -run '^$$' -bench . -benchmem $(TEST_PKGS)

# Every screen of the manuals in en, nl, de and nb, on the demo office,
# rendered without a display: docs/screenshots/<lang>/NN-screen-tab.png.
# The generator drives the window with Fyne's test driver, so it lives
# with package ui's tests (ui/screenshots_main_test.go), not in the
# program; LANG_SHOT=nl renders one language.
.PHONY: screenshots
screenshots: deps
	$(GO) test ./ui -run '^$$' -count=1 -timeout 0 -args -screenshots $(CURDIR)/docs/screenshots $(if $(LANG_SHOT),-lang $(LANG_SHOT))

windows: deps
	bash scripts/build-windows.sh

# The Windows installer: builds the .exe (window) and .com (console), wraps
# them in dist/postbridge-X.Y.Z.msi
# (wixl) and checks the MSI with msiinfo against FyneApp.toml.
dist-windows: deps
	bash scripts/build-msi.sh

# The MSI of dist-windows installed and used as an admin would, under Wine
# in a fresh prefix, against the test servers (scripts/check-windows.sh).
# SCREENSHOT=1 also writes the window to docs/windows-window.png.
check-windows: deps
	WINDOWS_SCREENSHOT=$(if $(SCREENSHOT),$(CURDIR)/docs/windows-window.png) \
	  bash scripts/with-servers.sh bash scripts/check-windows.sh

# macOS is not built here (Fyne's window and widgets are cgo against a
# Mac's SDK), but every package without Fyne must vet for it, so a
# Mac-only error (keyring, paths, syscalls) shows on a change.
check-darwin:
	bash scripts/check-darwin.sh

# The Linux package: fyne package -os linux, as
# dist/postbridge-X.Y.Z-linux-amd64.tar.xz (binary, .desktop file, icon).
dist-linux: deps
	bash scripts/build-linux-dist.sh

clean:
	rm -rf bin dist postbridge.exe postbridge.com *.syso
