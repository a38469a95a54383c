package message

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// A recovered panic is errInternal; a runtime error beneath it stays
// reachable, any other panic value is kept as its text.
func TestPanickedKeepsTheCause(t *testing.T) {
	tests := []struct {
		name        string
		panics      func()
		wantRuntime bool
		wantText    string
	}{
		{"nil map write", func() {
			var m map[string]int
			m["x"] = 1
		}, true, "nil map"},
		{"string value", func() { panic("bad part") }, false, "bad part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			func() {
				defer func() { err = panicked(recover()) }()
				tt.panics()
			}()
			var rt runtime.Error
			if got := errors.As(err, &rt); got != tt.wantRuntime {
				t.Errorf("runtime.Error reachable = %v, want %v (%v)", got, tt.wantRuntime, err)
			}
			if !errors.Is(err, errInternal) || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("got %v, want errInternal with %q", err, tt.wantText)
			}
		})
	}
}
