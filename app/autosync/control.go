// Package autosync is the automatic send/receive (manual 004
// "Automatisch senden/empfangen"): for every account that has it on, a
// loop that keeps one connection in IDLE (RFC 2177) so new mail is
// imported within seconds, runs a full pass every few minutes, reconnects
// with backoff after a network loss or a server restart, and starts over
// after the computer slept. The window, the tray and `postbridge sync
// --watch` run the same loop. It records every outcome for the health view.
package autosync

import "sync"

// Control is what the tray and the window do to running loops: pause,
// resume, synchronise now. Its zero value is ready and not paused.
type Control struct {
	mu      sync.Mutex
	paused  bool
	changed chan struct{} // closed and replaced on every change
	now     uint64        // count of SyncNow calls
}

func (c *Control) state() (paused bool, now uint64, changed <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.changed == nil {
		c.changed = make(chan struct{})
	}
	return c.paused, c.now, c.changed
}

func (c *Control) change(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f()
	if c.changed != nil {
		close(c.changed)
	}
	c.changed = make(chan struct{})
}

// Pause stops the loops after the pass that runs; nothing is cut off
// half-way.
func (c *Control) Pause() { c.change(func() { c.paused = true }) }

// Resume lets paused loops go on, with a pass right away.
func (c *Control) Resume() { c.change(func() { c.paused = false; c.now++ }) }

// SyncNow makes every waiting loop run a pass now.
func (c *Control) SyncNow() { c.change(func() { c.now++ }) }

// Paused reports whether the loops are paused.
func (c *Control) Paused() bool {
	p, _, _ := c.state()
	return p
}
