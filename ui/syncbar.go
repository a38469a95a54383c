package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// prefCurrentUser remembers whose mail Synchronize fetches.
const prefCurrentUser = "current_user"

// syncBar is the toolbar: Synchronize, progress, Cancel, current user.
type syncBar struct {
	w        *MainWindow
	syncBtn  *widget.Button
	cancelBt *widget.Button
	progress *widget.ProgressBar
	middle   *fyne.Container
	status   *widget.Label
	user     *widget.Select

	mu       sync.Mutex
	stop     context.CancelFunc
	finished chan struct{}
}

func newSyncBar(w *MainWindow) *syncBar {
	b := &syncBar{w: w}
	b.syncBtn = widget.NewButtonWithIcon(t("syncbar.synchronize", "Synchronize"), theme.ViewRefreshIcon(), b.start)
	b.syncBtn.Importance = widget.HighImportance
	b.cancelBt = widget.NewButtonWithIcon(t("syncbar.cancel", "Cancel"), theme.CancelIcon(), b.cancel)
	b.cancelBt.Disable()
	b.progress = widget.NewProgressBar()
	b.progress.Hide() // shown while a sync runs and after it, not before the first
	b.status = widget.NewLabel("")
	b.user = widget.NewSelect(nil, func(name string) {
		w.app.Preferences().SetString(prefCurrentUser, name)
		if w.toolbar != nil && w.backend.AutoSync {
			w.auto.restart(name) // the automatic sync follows the current user
		}
	})
	b.user.PlaceHolder = t("syncbar.chooseUser", "(choose the user)")
	b.loadUsers()
	return b
}

func (b *syncBar) object() fyne.CanvasObject {
	right := container.NewHBox(widget.NewLabel(t("syncbar.user", "User:")), b.user)
	left := container.NewHBox(b.syncBtn, b.cancelBt)
	b.middle = container.NewBorder(nil, nil, nil, b.status, b.progress)
	return container.NewBorder(nil, widget.NewSeparator(), left, right, b.middle)
}

// setStatus shows text beside the progress bar and lays the two out
// again: a container does not follow a child that grew or was shown.
func (b *syncBar) setStatus(text string) {
	b.status.SetText(text)
	if b.middle != nil {
		b.middle.Refresh()
	}
}

// loadUsers fills the user list; the remembered user, or the only one,
// is selected.
func (b *syncBar) loadUsers() {
	users, err := b.w.backend.Actions.Users()
	if err != nil {
		b.setStatus(explain.Error(err))
		return
	}
	names := make([]string, 0, len(users))
	for _, u := range users {
		names = append(names, u.Name)
	}
	b.user.Options = names
	current := b.w.app.Preferences().String(prefCurrentUser)
	for _, n := range names {
		if n == current {
			b.user.SetSelected(n)
			return
		}
	}
	if len(names) == 1 {
		b.user.SetSelected(names[0])
	}
}

func (b *syncBar) running() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stop != nil
}

// start runs Synchronize for the current user on a goroutine; the engine
// reports through events, which reach the widgets inside fyne.Do.
func (b *syncBar) start() {
	user := b.user.Selected
	if user == "" {
		dialog.ShowInformation(t("syncbar.synchronize", "Synchronize"),
			t("syncbar.noUser", "Choose the user whose mail is synchronized first."), b.w.win)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.mu.Lock()
	b.stop, b.finished = cancel, make(chan struct{})
	finished := b.finished
	b.mu.Unlock()
	b.syncBtn.Disable()
	b.cancelBt.Enable()
	b.progress.SetValue(0)
	b.progress.Show()
	b.setStatus(t("syncbar.connecting", "Connecting…"))
	events := make(chan app.SyncEvent, 64)
	results := make(chan syncOutcome, 1)
	go func() {
		r, err := b.w.backend.Actions.Sync(ctx, app.SyncFilter{User: user}, events)
		close(events)
		results <- syncOutcome{r, err}
	}()
	go b.watch(ctx, events, results, finished)
}

// syncOutcome is what Actions.Sync returned.
type syncOutcome struct {
	results []app.SyncResult
	err     error
}

// watch is the only goroutine that hands sync news to the widgets, so
// that the updates arrive one after the other, in order.
func (b *syncBar) watch(ctx context.Context, events <-chan app.SyncEvent, results <-chan syncOutcome, finished chan struct{}) {
	defer close(finished)
	stopping := ctx.Done()
	for {
		select {
		case e, ok := <-events:
			if !ok {
				out := <-results
				fyne.DoAndWait(func() { b.done(out.results, out.err) })
				return
			}
			fyne.DoAndWait(func() { b.show(e) })
		case <-stopping:
			stopping = nil
			fyne.DoAndWait(func() { b.setStatus(t("syncbar.stopping", "Stopping…")) })
		}
	}
}

func (b *syncBar) show(e app.SyncEvent) {
	b.w.log(e)
	switch e := e.(type) {
	case app.SyncFolderStarted:
		b.setStatus(e.Folder)
	case app.SyncProgress:
		if e.Total > 0 {
			b.progress.SetValue(float64(e.Done) / float64(e.Total))
		}
		b.setStatus(t("syncbar.progress", "{{.Folder}}: {{.Done}} of {{.Total}}",
			map[string]any{"Folder": e.Folder, "Done": e.Done, "Total": e.Total}))
	}
}

func (b *syncBar) done(results []app.SyncResult, err error) {
	b.mu.Lock()
	b.stop = nil
	b.mu.Unlock()
	b.syncBtn.Enable()
	b.cancelBt.Disable()
	var total app.SyncCounts
	for _, r := range results {
		total.Add(r.Counts)
	}
	b.progress.SetValue(1)
	b.setStatus(t("syncbar.summary", "{{.Imported}} imported, {{.Filed}} filed, {{.Attention}} to look at",
		map[string]any{"Imported": total.Imported, "Filed": total.Moved, "Attention": total.NeedsAttention}))
	if err != nil {
		b.setStatus(explain.Error(err))
	}
	for _, r := range results {
		if r.Err != nil && b.w.offerSignInAgain(r.Err) {
			break // one question; the others' errors are in the sync log
		}
	}
	b.w.refreshMessages()
}

// cancel stops a running sync; the engine leaves a state the next run
// continues from.
func (b *syncBar) cancel() {
	b.mu.Lock()
	stop := b.stop
	b.mu.Unlock()
	if stop != nil {
		stop() // watch shows "Stopping…"
	}
}

// wait blocks until the running sync, if any, has returned (tests, close).
func (b *syncBar) wait() {
	b.mu.Lock()
	finished := b.finished
	b.mu.Unlock()
	if finished != nil {
		<-finished
	}
}
