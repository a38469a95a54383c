package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
)

// ParseSettings decodes a settings document. Unknown fields are refused:
// in a file an admin edits by hand, an unknown field is almost always a
// typo. So are a key given twice in one object and anything after the
// document, which encoding/json would let pass silently (the last
// duplicate winning, the rest of the file ignored). Each problem names
// its field path, such as users[1].imap[0].port.
func ParseSettings(r io.Reader) (*SettingsFile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	if err := checkShape(data, reflect.TypeFor[SettingsFile]()); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f SettingsFile
	if err := dec.Decode(&f); err != nil {
		// checkShape has seen the same document, so this is a backstop.
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return nil, fmt.Errorf("%w: line %d: %w", ErrInvalidSettings, lineOf(data, syntax.Offset), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("%w: %s: %s is not a %s", ErrInvalidSettings, typ.Field, typ.Value, typ.Type)
		}
		return nil, fmt.Errorf("%w: %w", ErrInvalidSettings, err)
	}
	return &f, nil
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// checkShape walks the document's tokens beside the Go type it is
// decoded into, and refuses duplicate keys, unknown fields, values of
// the wrong kind and data after the document, each at its field path.
// A syntax error ends the walk at once, with its line.
func checkShape(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := &shapeWalker{dec: dec, data: data, v: &validator{}}
	tok, err := w.token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("%w: line 1: the settings document must be one JSON object, {...}", ErrInvalidSettings)
	}
	if err := w.object("", t, tok); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: line %d: more data after the end of the settings document (a second document, or text after its last })",
			ErrInvalidSettings, lineOf(data, dec.InputOffset()))
	}
	return w.v.err()
}

// shapeWalker reads one JSON value at a time and collects its problems.
type shapeWalker struct {
	dec  *json.Decoder
	data []byte
	v    *validator
}

// token reads the next token; a syntax error becomes ErrInvalidSettings
// with the line where the decoder stopped.
func (w *shapeWalker) token() (json.Token, error) {
	tok, err := w.dec.Token()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, fmt.Errorf("%w: line %d: %v", ErrInvalidSettings, w.line(), err)
	}
	return tok, nil
}

func (w *shapeWalker) line() int { return lineOf(w.data, w.dec.InputOffset()) }

// value reads one value meant for Go type t at path.
func (w *shapeWalker) value(path string, t reflect.Type) error {
	tok, err := w.token()
	if err != nil || tok == nil { // null leaves any field as it is
		return err
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && tok == json.Delim('{'):
		return w.object(path, t, tok)
	case t.Kind() == reflect.Slice && tok == json.Delim('['):
		return w.list(path, t.Elem())
	case fits(t.Kind(), tok):
		return nil
	}
	w.wrongKind(path, t.Kind(), tok)
	return w.skipRest(tok)
}

// object reads the members of an object whose "{" has been read.
func (w *shapeWalker) object(path string, t reflect.Type, _ json.Token) error {
	fields := jsonFields(t)
	seen := map[string]bool{}
	for w.dec.More() {
		tok, err := w.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		name, ft, ok := lookupField(fields, key)
		child := joinPath(path, name)
		switch {
		case !ok:
			w.unknown(joinPath(path, key), key, fields)
			if err := w.skip(); err != nil {
				return err
			}
			continue
		case seen[name]:
			// encoding/json would keep the last one without a word.
			w.v.fail(child, "given_twice", w.line())
		}
		seen[name] = true
		if err := w.value(child, ft); err != nil {
			return err
		}
	}
	_, err := w.token() // the closing }
	return err
}

// list reads the elements of an array whose "[" has been read.
func (w *shapeWalker) list(path string, elem reflect.Type) error {
	for i := 0; w.dec.More(); i++ {
		if err := w.value(fmt.Sprintf("%s[%d]", path, i), elem); err != nil {
			return err
		}
	}
	_, err := w.token() // the closing ]
	return err
}

// skip reads one whole value without checking it.
func (w *shapeWalker) skip() error {
	tok, err := w.token()
	if err != nil {
		return err
	}
	return w.skipRest(tok)
}

// skipRest reads the rest of a value whose first token was tok.
func (w *shapeWalker) skipRest(tok json.Token) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := w.token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
