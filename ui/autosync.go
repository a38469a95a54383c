package ui

import (
	"context"
	"errors"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"postbridge/app"
	"postbridge/app/autosync"
	"postbridge/explain"
)

// windowSync is the automatic send/receive while the window is open: the
// loop of app/autosync for the current user's accounts that have it on.
// Its events reach the Sync log inside fyne.Do; a slow window misses
// progress, never a result (the engine's rule).
//
// Stopping the loop waits for the batch in hand (the engine's grace
// period, up to 30 s), so no stop or start ever runs on Fyne's goroutine:
// restart and stopThen hand the work to a goroutine and return at once.
type windowSync struct {
	w       *MainWindow
	control autosync.Control

	turn sync.Mutex // one switch of the loop at a time

	mu      sync.Mutex
	stop    context.CancelFunc
	done    chan struct{}
	running int // accounts the loop runs
	wish    int // bumped by every restart and stop; a switch for an older wish gives way

	// shown makes the loop's goroutines hand their widget updates to
	// fyne.Do one at a time. Fyne's own driver runs them in turn on its
	// goroutine anyway; its test driver runs each on the caller's, where a
	// switch's error line and the previous loop's last events met.
	shown sync.Mutex
}

// show hands fn to fyne.Do, one caller at a time (shown).
func (s *windowSync) show(fn func()) {
	s.shown.Lock()
	defer s.shown.Unlock()
	fyne.Do(fn)
}

// restart stops the loop (if any) and starts it for user's accounts, on
// a goroutine of its own. Called on Fyne's goroutine; returns at once.
func (s *windowSync) restart(user string) {
	wish := s.wished()
	go s.switchTo(wish, user)
}

// stopThen stops the loop on a goroutine and runs then inside fyne.Do
// once it has stopped (closing the window).
func (s *windowSync) stopThen(then func()) {
	s.wished()
	go func() {
		s.halt()
		fyne.Do(then)
	}()
}

// wished records a new wish and returns it.
func (s *windowSync) wished() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wish++
	return s.wish
}

func (s *windowSync) current(wish int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wish == wish
}

// switchTo runs the loop for user once the previous one has stopped,
// unless a later restart or stop has been asked for meanwhile (then that
// one's switch decides, and the loop it started is left alone).
func (s *windowSync) switchTo(wish int, user string) {
	s.turn.Lock()
	defer s.turn.Unlock()
	if !s.current(wish) {
		return
	}
	s.halt()
	if user == "" || s.w.backend.Actions == nil {
		return
	}
	accounts, err := s.w.backend.Actions.AutoAccounts(user)
	if errors.Is(err, app.ErrNoAutoAccount) {
		return
	}
	if err != nil {
		s.show(func() { s.w.logLine(explain.Error(err), 0) })
		return
	}
	s.start(wish, accounts)
}

// start runs the loop for accounts; called by switchTo only.
func (s *windowSync) start(wish int, accounts []app.AutoAccount) {
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan app.SyncEvent, 256)
	done := make(chan struct{})
	s.mu.Lock()
	if s.wish != wish {
		s.mu.Unlock()
		cancel()
		return
	}
	s.stop, s.done, s.running = cancel, done, len(accounts)
	s.mu.Unlock()
	r := autosync.NewRunner(s.w.backend.Actions)
	r.Control, r.Events, r.WatchedBy = &s.control, events, "Postbridge window"
	go func() {
		for e := range events {
			switch e.(type) {
			case app.SyncProgress:
				continue // the toolbar's progress belongs to Synchronize
			case app.SyncAccountDone:
				s.show(func() { s.w.log(e); s.w.refreshMessages() })
			default:
				s.show(func() { s.w.log(e) })
			}
		}
	}()
	go func() {
		r.Run(ctx, accounts)
		close(events)
		close(done)
	}()
}

// halt stops the loop and waits until it has stopped: never on Fyne's
// goroutine (see stopThen), since the wait can last the grace period.
func (s *windowSync) halt() {
	s.mu.Lock()
	stop, done := s.stop, s.done
	s.stop, s.done, s.running = nil, nil, 0
	s.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

// active reports whether the loop runs any account.
func (s *windowSync) active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running > 0
}

// trayMenu is the system tray's menu (Fyne's desktop.App): Open,
// Synchronize now, Pause (Resume while paused), Quit.
func (w *MainWindow) trayMenu() *fyne.Menu {
	pause := fyne.NewMenuItem(t("tray.pause", "Pause"), nil)
	menu := fyne.NewMenu(Title,
		fyne.NewMenuItem(t("tray.open", "Open"), func() { w.win.Show(); w.win.RequestFocus() }),
		fyne.NewMenuItem(t("tray.syncNow", "Synchronize now"), w.auto.control.SyncNow),
		pause,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(t("tray.quit", "Quit"), w.quit),
	)
	menu.Items[len(menu.Items)-1].IsQuit = true
	pause.Action = func() {
		if w.auto.control.Paused() {
			w.auto.control.Resume()
			pause.Label = t("tray.pause", "Pause")
		} else {
			w.auto.control.Pause()
			pause.Label = t("tray.resume", "Resume")
		}
		menu.Refresh()
	}
	return menu
}

// setUpTray puts the menu in the system tray where the desktop has one.
func (w *MainWindow) setUpTray() bool {
	d, ok := w.app.(desktop.App)
	if !ok {
		return false
	}
	d.SetSystemTrayMenu(w.trayMenu())
	d.SetSystemTrayIcon(Icon)
	return true
}

// quit stops the automatic sync (nothing is cut off unsafely: the
// engine files only what is committed) and ends the program.
func (w *MainWindow) quit() {
	w.toolbar.cancel()
	w.auto.wished() // a restart still on its way does not start the loop again
	go func() {
		w.auto.halt()
		w.toolbar.wait()
		fyne.Do(w.app.Quit)
	}()
}
