package mailerr

// ReplyError is a server's negative SMTP reply with the kind its codes
// reveal: the codes stay fields, so that a program (the HTTP API's send)
// passes them on without parsing the English back. Kind is nil
// when the codes reveal none of the kinds above.
type ReplyError struct {
	Reply
	Kind error
	Err  error // the library's error, with the server's text
}

func (e *ReplyError) Error() string {
	if e.Kind == nil {
		return e.Err.Error()
	}
	return e.Kind.Error() + ": " + e.Err.Error()
}

// Unwrap gives the kind and the library's error both, so that errors.Is
// finds the kind and errors.As still reaches the library's own error
// (go-mail's *SendError with its recipients, net/textproto's reply).
func (e *ReplyError) Unwrap() []error {
	if e.Kind != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Err}
}
