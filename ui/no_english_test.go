package ui

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynelang "fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"postbridge/assets"
)

// TestNoEnglishOnOtherLanguageScreens opens every screen of
// the screenshots in Dutch, German and Norwegian and reads every text
// drawn there, dialogs included. A word of the English texts (or a
// common English word, for texts that come from libraries, such as the
// MIME reader's warnings) fails unless that language's own texts use it
// too or it is a manual's own English term.
func TestNoEnglishOnOtherLanguageScreens(t *testing.T) {
	texts := translationKeys(t)
	english := englishWords(texts)
	b := demoScreens(t)
	t.Cleanup(func() { fynelang.AddTranslationsFS(assets.Translations, "translations") })
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	t.Setenv("LANGUAGE", os.Getenv("LANGUAGE"))
	a := test.NewApp()
	defer a.Quit()
	a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	for _, l := range []string{"nl", "de", "nb"} {
		native := nativeWords(texts, l)
		if err := SetLanguage(l); err != nil {
			t.Fatal(err)
		}
		for _, s := range shots() {
			for _, text := range shownTexts(t, a, b, s) {
				for _, w := range words(text) {
					if english[w] && !native[w] && !allowed[""][w] && !allowed[l][w] {
						t.Errorf("%s/%s shows the English word %q in %q", l, s.name, w, text)
					}
				}
			}
		}
	}
}

// allowed are, for every language ("") and per language, the English
// words a tester may meet: the manuals' own English terms (manual 001
// writes "Subscribe Folder", "ReIndex Folder", "Purge Delete Folder";
// 000 "Check", "Create", "Completed"), words the language has taken
// over, protocol names, and the demo server's folder names (data, not
// Postbridge's words); and the OAuth2 providers' names and the words
// of their consoles that an admin must find there ("Client-ID", "Tenant",
// "organizations"); loanwords all three languages use (browser, app,
// login, start); the README's name; "Sent Items", a server's folder;
// "Archiv", the folder name manual 004 forbids, quoted in its refusal;
// the HTTP API's terms the Integrations screen uses as the trade does
// (API, token, webhook) and its command, postbridge serve; "route", a
// Dutch and German word too, as "under" is Norwegian; "install…", the
// demo subject "Offerte installatie" cut by the messages table's column.
var allowed = map[string]map[string]bool{
	"": set(`smtp imap ssl tls starttls mime crm oauth postbridge projektpro inbox outbox sent drafts
		test mail mails port server servers host code project provider com gmail completed uid bytes status archive junk trash out
		microsoft google client tenant autoconfig dns srv organizations items
		browser app readme login start archiv
		spf dkim dmarc rdns ptr mx quarantine reject none all selector yahoo postfix smtpd sender maps
		api http token tokens webhook webhooks serve install`),
	"nl": set(`company check create completed whitelisting account accounts mailbox detail folder folders
		later record records route`),
	"de": set(`name standard timeout limit organisation domain domains text route`),
	"nb": set(`subscribe unsubscribe reindex purge delete folder send all full pause under`),
}

func set(words string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(words) {
		out[w] = true
	}
	return out
}

// shownTexts opens a window at shot s and returns every visible text.
func shownTexts(t *testing.T, a fyne.App, b Backend, s shot) []string {
	t.Helper()
	w := NewMainWindow(a, b)
	defer w.win.Close()
	defer undoShot(w) // the validation mail's picture imports it; each language's does again
	w.win.Resize(ScreenshotSize)
	if err := s.show(w); err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	w.toolbar.wait()
	var out []string
	objs := append([]fyne.CanvasObject{w.win.Canvas().Content()}, w.win.Canvas().Overlays().List()...)
	for _, o := range objs {
		for _, txt := range findOutside[*canvas.Text](o, func(o fyne.CanvasObject) bool { return !o.Visible() }) {
			if txt.Visible() && !isTranscriptLine(txt.Text) {
				out = append(out, withoutData(txt.Text))
			}
		}
	}
	return out
}

// englishWords are the words of the English texts and common English
// words that libraries write.
func englishWords(texts map[string]map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range texts["en"] {
		for _, w := range words(v) {
			out[w] = true
		}
	}
	for _, w := range strings.Fields(`the and of to is are not unknown charset read as with for from
		message messages folder folders once subscribe unsubscribe purge deleted download sent drafts
		junk trash archive attention needs needed reason error warning warnings skipped failed could
		cannot no yes none this that has have was were which when while invalid missing encoding
		decode decoding part body header headers date subject address addresses sync synchronize`) {
		out[w] = true
	}
	return out
}

// nativeWords are the words of l's texts that differ from the English
// text of the same key: l's own words, even where English has them too
// ("post", "server").
func nativeWords(texts map[string]map[string]string, l string) map[string]bool {
	out := map[string]bool{}
	for k, v := range texts[l] {
		if v == texts["en"][k] {
			continue
		}
		en := words(texts["en"][k])
		for _, w := range words(v) {
			if !slices.Contains(en, w) {
				out[w] = true
			}
		}
	}
	return out
}

// words are the lower-case words of s of three letters or more.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(f)) >= 3 {
			out = append(out, f)
		}
	}
	return out
}

// isTranscriptLine: a line of an SMTP transcript is the server's own
// words ("S: 235 2.7.0 Authentication successful").
func isTranscriptLine(s string) bool {
	return strings.HasPrefix(s, "S: ") || strings.HasPrefix(s, "C: ")
}

// withoutData drops addresses, host names and folder paths: data.
func withoutData(s string) string {
	var keep []string
	for _, f := range strings.Fields(s) {
		if !strings.ContainsAny(f, "@/.") || strings.HasSuffix(f, ".") && !strings.ContainsAny(f[:len(f)-1], "@/.") {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}
