package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// folderFields are the Folders tab's named folders. Inbox and outbox
// have manual 000's magnifier: pick one of the server's folders, or,
// when the typed folder does not exist, create it and its Completed
// subfolder after asking. Sent, drafts and archive are only picked: the
// sent folder must exist ("moet al bestaan", case-sensitive).
type folderFields struct {
	c                                    *accountCard
	inbox, outbox, sent, drafts, archive *widget.Entry
	projectRoot                          *widget.Entry
	// picker is the open pick list, and magnifiers the buttons behind
	// the entries, for tests.
	picker     *widget.List
	pickNames  []string
	magnifiers map[*widget.Entry]*widget.Button
	// choosers are the named folders' drop-downs of the server's folders
	// (manual 004's "Auswahlliste"); typing stays possible.
	choosers map[*widget.Entry]*widget.SelectEntry
}

func newFolderFields(c *accountCard) *folderFields {
	a := c.a
	f := &folderFields{c: c, projectRoot: entryWith(a.ProjectRoot),
		magnifiers: map[*widget.Entry]*widget.Button{}, choosers: map[*widget.Entry]*widget.SelectEntry{}}
	f.inbox, f.outbox, f.sent = f.chooser(a.Inbox), f.chooser(a.Outbox), f.chooser(a.Sent)
	f.drafts, f.archive = f.chooser(a.Drafts), f.chooser(a.Archive)
	f.setChoices(a.Folders)
	f.projectRoot.SetPlaceHolder("ProjektPro")
	c.d.watchEntries(f.inbox, f.outbox, f.sent, f.drafts, f.archive, f.projectRoot)
	return f
}

// chooser is an entry holding text with a drop-down of the server's
// folders; the entry is what the card reads and checks.
func (f *folderFields) chooser(text string) *widget.Entry {
	se := widget.NewSelectEntry(nil)
	se.SetText(text)
	f.choosers[&se.Entry] = se
	return &se.Entry
}

// setChoices offers the server's folders in every drop-down.
func (f *folderFields) setChoices(folders []app.ImapFolder) {
	names := make([]string, 0, len(folders))
	for _, x := range folders {
		names = append(names, x.Name)
	}
	for _, se := range f.choosers {
		se.SetOptions(names)
	}
}

func (f *folderFields) read(a *app.ImapAccount) {
	a.Inbox, a.Outbox, a.Sent = strings.TrimSpace(f.inbox.Text), strings.TrimSpace(f.outbox.Text), strings.TrimSpace(f.sent.Text)
	a.Drafts, a.Archive = strings.TrimSpace(f.drafts.Text), strings.TrimSpace(f.archive.Text)
	a.ProjectRoot = strings.TrimSpace(f.projectRoot.Text)
}

// withMagnifier is e with its magnifier button behind it.
func (f *folderFields) withMagnifier(e *widget.Entry, create bool) fyne.CanvasObject {
	b := widget.NewButtonWithIcon("", theme.SearchIcon(), func() { f.magnify(e, create) })
	f.magnifiers[e] = b
	var field fyne.CanvasObject = e
	if se, ok := f.choosers[e]; ok {
		field = se
	}
	return container.NewBorder(nil, nil, nil, b, field)
}

func (c *accountCard) foldersTab() fyne.CanvasObject {
	m, f := c.marks, c.folders
	m.tab = 2
	form := widget.NewForm(
		widget.NewFormItem(t("account.inbox", "Inbox"), m.at("inbox", f.withMagnifier(f.inbox, true))),
		widget.NewFormItem(t("account.outbox", "Outbox"), m.at("outbox", f.withMagnifier(f.outbox, true))),
		widget.NewFormItem(t("account.sent", "Sent e-mail in"), m.at("sent", f.withMagnifier(f.sent, false))),
		widget.NewFormItem(t("account.drafts", "Drafts"), m.at("drafts", f.withMagnifier(f.drafts, false))),
		widget.NewFormItem(t("account.archive", "Archive folder"), m.at("archive", f.withMagnifier(f.archive, false))),
		widget.NewFormItem(t("account.projectRoot", "Project folders under"), f.projectRoot),
	)
	// The named folders above, the server's folder tree below, each with
	// room of its own: the tree of a real mailbox is long.
	named := c.scrolled(form)
	// Dragged up, the named folders keep one whole field, not a sliver.
	c.scrolls[len(c.scrolls)-1].SetMinSize(fyne.NewSize(0, form.Items[0].Widget.MinSize().Height))
	split := container.NewVSplit(named, m.at("folders", c.tree.object()))
	split.Offset = 0.5
	return split
}

// magnify loads the server's folders for the account as typed on the
// card, then picks, or creates the typed folder (create) after asking.
func (f *folderFields) magnify(e *widget.Entry, create bool) {
	c := f.c
	acc, password, name := c.read(), c.password.Text, strings.TrimSpace(e.Text)
	c.loadFolders(func(list []app.SyncFolder) {
		switch {
		case name == "" || folderExists(list, name):
			f.pick(e, list)
		case create:
			f.confirmCreate(e, name, acc, password)
		default:
			c.w().showError(fmt.Errorf("folder %q: %w", name, app.ErrSyncFolderMissing))
		}
	})
}

// folderExists compares exactly: folder names are case-sensitive, except
// INBOX (RFC 9051 §5.1).
func folderExists(list []app.SyncFolder, name string) bool {
	for _, f := range list {
		if f.Name == name || strings.EqualFold(name, "INBOX") && strings.EqualFold(f.Name, "INBOX") {
			return true
		}
	}
	return false
}

// pick shows the server's folders; choosing one fills e.
func (f *folderFields) pick(e *widget.Entry, list []app.SyncFolder) {
	var dlg dialog.Dialog
	f.pickNames = f.pickNames[:0]
	for _, folder := range list {
		f.pickNames = append(f.pickNames, folder.Name)
	}
	f.picker = widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(list[i].Name) })
	f.picker.OnSelected = func(i widget.ListItemID) {
		e.SetText(list[i].Name)
		dlg.Hide()
	}
	dlg = dialog.NewCustom(t("account.pickTitle", "Folders on the server"), t("account.pickCancel", "Cancel"), f.picker, f.c.w().win)
	dlg.Resize(fyne.NewSize(420, 420))
	dlg.Show()
}

// confirmCreate asks (manual 000: "Klik op 'Create'"), then creates name
// and name/Completed on the server.
func (f *folderFields) confirmCreate(e *widget.Entry, name string, acc app.ImapAccount, password string) {
	c := f.c
	question := widget.NewLabel(t("account.createQuestion",
		"The folder {{.Folder}} does not exist on the server. Create it, with its subfolder Completed?",
		map[string]string{"Folder": name}))
	question.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(t("account.createTitle", "Create folder"), t("account.create", "Create"),
		t("account.createCancel", "Cancel"), question, func(yes bool) {
			if yes {
				f.create(e, name, acc, password)
			}
		}, c.w().win)
	dlg.Resize(fyne.NewSize(440, 200))
	dlg.Show()
}

func (f *folderFields) create(e *widget.Entry, name string, acc app.ImapAccount, password string) {
	c := f.c
	var created []string
	var err error
	c.task(t("account.creatingFolder", "Creating the folder…"), func(ctx context.Context) {
		created, err = c.w().backend.Actions.CreateFolder(ctx, acc, password, name)
	}, func() {
		if err != nil {
			c.w().showError(err)
			return
		}
		e.SetText(name)
		f.showCreated(created)
	})
}

// showCreated is manual 000's dialog after the folders were created.
func (f *folderFields) showCreated(created []string) {
	dialog.NewInformation(t("account.createdTitle", "Folder created"), t("account.created",
		"Created on the server: {{.Folders}}", map[string]string{"Folders": strings.Join(created, ", ")}), f.c.w().win).Show()
}
