package oauth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"

	"golang.org/x/oauth2"
)

// The ways signing in or renewing a token fails; explain/ words them.
var (
	// ErrNotConfigured: the login has no provider or client ID yet.
	ErrNotConfigured = errors.New("OAuth2 is not set up for this login")
	// ErrNotSignedIn: no refresh token in the keyring for this login.
	ErrNotSignedIn = errors.New("not signed in")
	// ErrSignInAgain: the refresh token expired or was revoked (RFC 6749
	// §5.2 invalid_grant); only a new sign-in helps.
	ErrSignInAgain = errors.New("the sign-in has expired or was revoked")
	// ErrConsentDenied: the user or their admin declined the permissions.
	ErrConsentDenied = errors.New("the permissions were not granted")
	// ErrClientUnknown: the provider does not know the client ID.
	ErrClientUnknown = errors.New("the provider does not know this client ID")
	// ErrWrongTenant: Microsoft does not know the tenant, or the account
	// belongs to another one.
	ErrWrongTenant = errors.New("wrong tenant")
	// ErrUnreachable: the provider could not be reached.
	ErrUnreachable = errors.New("the sign-in provider cannot be reached")
	// ErrNoDevice: the provider offers no device sign-in.
	ErrNoDevice = errors.New("this provider offers no sign-in with a code")
	// ErrProvider: any other refusal; the provider's error code is kept.
	ErrProvider = errors.New("the sign-in provider refused")
)

// aadCode finds Microsoft's AADSTS error number in a description: Entra ID
// reports the precise reason as a number beside the RFC 6749 error code.
var aadCode = regexp.MustCompile(`AADSTS(\d+)`)

// Entra ID error numbers that say more than the RFC 6749 code does.
var aadKinds = map[int]error{
	700016: ErrClientUnknown, // application not found in the directory
	90002:  ErrWrongTenant,   // tenant not found
	900023: ErrWrongTenant,   // tenant identifier is not valid
	50020:  ErrWrongTenant,   // account is not in the tenant
	90072:  ErrWrongTenant,   // account from another tenant
	65001:  ErrConsentDenied, // consent not granted
	65004:  ErrConsentDenied, // user declined consent
	700082: ErrSignInAgain,   // refresh token expired through inactivity
	50173:  ErrSignInAgain,   // grant expired (password changed)
	70008:  ErrSignInAgain,   // refresh token or code expired
}

// classify turns an error code (RFC 6749 §4.1.2.1, §5.2; RFC 8628 §3.5)
// and its description into one of the kinds above.
func classify(code, description string) error {
	if m := aadCode.FindStringSubmatch(description); m != nil {
		n, _ := strconv.Atoi(m[1])
		if kind, ok := aadKinds[n]; ok {
			return fmt.Errorf("%w (%s, AADSTS%d)", kind, code, n)
		}
	}
	var kind error
	switch code {
	case "invalid_grant", "expired_token":
		kind = ErrSignInAgain
	case "access_denied", "consent_required", "interaction_required":
		kind = ErrConsentDenied
	case "invalid_client", "unauthorized_client":
		kind = ErrClientUnknown
	default:
		return fmt.Errorf("%w: %s", ErrProvider, code)
	}
	return fmt.Errorf("%w (%s)", kind, code)
}

// tokenError classifies an error from the token endpoint.
func tokenError(err error) error {
	var re *oauth2.RetrieveError
	var netErr net.Error
	var urlErr *url.Error
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &re) && re.ErrorCode != "":
		return classify(re.ErrorCode, re.ErrorDescription)
	case errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 500:
		return fmt.Errorf("%w: HTTP %s", ErrUnreachable, re.Response.Status)
	case errors.As(err, &re) && re.Response != nil:
		return fmt.Errorf("%w: HTTP %s", ErrProvider, re.Response.Status)
	case errors.As(err, &netErr), errors.As(err, &urlErr):
		return fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	return err
}
