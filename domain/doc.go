// Package domain holds the value types that storage, the mail packages,
// the command line and the window share: the settings an admin enters
// (company, mail servers, users, IMAP accounts), how a connection is
// secured and how it logs in. It imports no database, keyring or protocol
// library, so a pure function such as mail/route links none of them;
// storage maps these types to tables (as go-imap's root package holds what
// its client and server share).
package domain
