package mailerr

// IMAPCode is the kind an IMAP response code reveals (RFC 5530 §3), or
// nil. The code is passed as its atom ("AUTHENTICATIONFAILED") so that
// this package needs no IMAP library.
func IMAPCode(code string) error {
	switch code {
	case "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED":
		// Credentials wrong, or the identity may not act as the one asked
		// for (RFC 5530 §3).
		return ErrAuthFailed
	case "EXPIRED":
		// The passphrase is no longer accepted: get a new one (RFC 5530 §3).
		return ErrPasswordExpired
	case "PRIVACYREQUIRED":
		// The operation is not permitted without encryption (RFC 5530 §3).
		return ErrEncryptionRequired
	case "CONTACTADMIN":
		// The user should contact the administrator (RFC 5530 §3).
		return ErrContactAdmin
	case "UNAVAILABLE", "INUSE":
		// A subsystem is down, or the target is in use: try again later
		// (RFC 5530 §3).
		return ErrTryLater
	case "OVERQUOTA":
		// The user would exceed a quota (RFC 5530 §3).
		return ErrOverQuota
	}
	return nil
}
