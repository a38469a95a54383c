// Package problem is what went wrong, or what a person should look at, as
// a value: a kind and its arguments, with the protocol's codes when a
// server gave them. The engine, storage and the mail packages return and
// store problems; only the window, the command line and explain turn one
// into a sentence, in the reader's language, when they show it. A stored
// problem therefore reads the same on every workstation of a shared
// database, whatever language each one speaks.
//
// Like domain, this package imports nothing of the program's own, so that
// every layer may use it.
package problem

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// P is one problem. Kind names it ("message.no_from"); Args are the
// values its sentence names ("UID", "Folder"...). Code and Enhanced are a
// server's reply code and enhanced status code (RFC 5321 §4.2, RFC 3463)
// when one gave them. Temp says whether trying again unchanged may help.
type P struct {
	Kind     string            `json:"kind"`
	Args     map[string]string `json:"args,omitempty"`
	Code     int               `json:"code,omitempty"`
	Enhanced string            `json:"enhanced,omitempty"`
	Temp     bool              `json:"temporary,omitempty"`
}

// Legacy is the kind of a problem read from a row written before problems
// were stored as values: its one argument, "text", is the stored sentence,
// shown as it is.
const Legacy = "legacy"

// New makes a problem of kind with its arguments given as name, value
// pairs; a name without a value gets "".
func New(kind string, pairs ...string) P {
	p := P{Kind: kind}
	for i := 0; i < len(pairs); i += 2 {
		if p.Args == nil {
			p.Args = map[string]string{}
		}
		v := ""
		if i+1 < len(pairs) {
			v = pairs[i+1]
		}
		p.Args[pairs[i]] = v
	}
	return p
}

// Text is a problem read from a legacy row: the sentence stored there.
func Text(text string) P { return New(Legacy, "text", text) }

// Temporary reports whether the condition may pass by itself.
func (p P) Temporary() bool { return p.Temp }

// IsZero reports whether p is no problem at all.
func (p P) IsZero() bool { return p.Kind == "" }

// Arg is the argument name, "" when p has none of that name.
func (p P) Arg(name string) string { return p.Args[name] }

// With returns p with one more argument; p's own map is not changed.
func (p P) With(name, value string) P {
	args := maps.Clone(p.Args)
	if args == nil {
		args = map[string]string{}
	}
	args[name] = value
	p.Args = args
	return p
}

// String is the problem for a log or a test failure: its kind and its
// arguments, not a sentence (explain says it in words).
func (p P) String() string {
	if p.Kind == Legacy {
		return p.Arg("text")
	}
	var b strings.Builder
	b.WriteString(p.Kind)
	for _, k := range slices.Sorted(maps.Keys(p.Args)) {
		fmt.Fprintf(&b, " %s=%q", k, p.Args[k])
	}
	return b.String()
}

// Value stores a problem in one text column as JSON; no problem is "".
func (p P) Value() (driver.Value, error) {
	if p.IsZero() {
		return "", nil
	}
	b, err := json.Marshal(p)
	return string(b), err
}

// Scan reads what Value stored. A column that holds no JSON object is a
// sentence from before problems were values: it becomes a Legacy problem.
func (p *P) Scan(src any) error {
	s, err := text(src)
	if err != nil {
		return err
	}
	*p = Decode(s)
	return nil
}

// Decode reads a stored problem, a legacy sentence as a Legacy problem.
func Decode(s string) P {
	s = strings.TrimSpace(s)
	if s == "" {
		return P{}
	}
	var p P
	if strings.HasPrefix(s, "{") && json.Unmarshal([]byte(s), &p) == nil && p.Kind != "" {
		return p
	}
	return Text(s)
}

// List is the problems of one thing (a message's reasons to need
// attention), stored in one text column as a JSON array.
type List []P

// Value stores the list as JSON; an empty list is "".
func (l List) Value() (driver.Value, error) {
	if len(l) == 0 {
		return "", nil
	}
	b, err := json.Marshal([]P(l))
	return string(b), err
}

// Scan reads what Value stored; a column with no JSON array is a legacy
// sentence, read as one Legacy problem (never split: the separator may
// be part of a value).
func (l *List) Scan(src any) error {
	s, err := text(src)
	if err != nil {
		return err
	}
	*l = DecodeList(s)
	return nil
}

// DecodeList reads a stored list, a legacy sentence as one Legacy problem.
func DecodeList(s string) List {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var l []P
	if strings.HasPrefix(s, "[") && json.Unmarshal([]byte(s), &l) == nil {
		return l
	}
	return List{Text(s)}
}

// GormDataType makes the columns text in every database gorm speaks.
func (P) GormDataType() string { return "text" }

// GormDataType makes the columns text in every database gorm speaks.
func (List) GormDataType() string { return "text" }

func text(src any) (string, error) {
	switch v := src.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	}
	return "", fmt.Errorf("problem: cannot read a %T", src)
}
