package autosync

import (
	"testing"
	"time"
)

func TestSlept(t *testing.T) {
	tests := []struct {
		wall, mono time.Duration
		want       bool
	}{
		{15 * time.Second, 15 * time.Second, false},               // awake
		{15*time.Second + 2*time.Second, 15 * time.Second, false}, // a clock adjustment
		{2 * time.Hour, 15 * time.Second, true},                   // a night's sleep
		{15 * time.Second, 2 * time.Hour, false},                  // the wall clock set back
	}
	for _, tt := range tests {
		if got := slept(tt.wall, tt.mono); got != tt.want {
			t.Errorf("slept(wall %s, mono %s) = %v, want %v", tt.wall, tt.mono, got, tt.want)
		}
	}
}

// SyncNow wakes a waiting loop; Pause holds it until Resume.
func TestControlWakesAndHolds(t *testing.T) {
	r := &Runner{Control: &Control{}}
	woke := make(chan wake, 1)
	go func() { woke <- r.wait(t.Context(), nil, time.Hour) }()
	// SyncNow until it wakes the loop: one sent before wait took its
	// snapshot would not count, and the test must not hang on timing.
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(30 * time.Second)
wait:
	for {
		r.Control.SyncNow()
		select {
		case w := <-woke:
			if w != wakeControl {
				t.Errorf("woke for %d, want Synchronize now", w)
			}
			break wait
		case <-tick.C:
		case <-deadline:
			t.Fatal("Synchronize now did not wake the loop")
		}
	}
	r.Control.Pause()
	held := make(chan bool, 1)
	go func() { held <- r.whilePaused(t.Context()) }()
	select {
	case <-held:
		t.Fatal("a paused loop went on")
	case <-time.After(50 * time.Millisecond):
	}
	r.Control.Resume()
	if !<-held {
		t.Error("whilePaused reported a stop after Resume")
	}
}
