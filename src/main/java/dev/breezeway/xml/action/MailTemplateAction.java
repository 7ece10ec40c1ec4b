package dev.breezeway.xml.action;

import dev.breezeway.mail.MailTemplates;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.MailTemplateXml;

/**
 * {@code mail-template-info} ({@code template}, {@code lang}) shows the text an account's mail uses;
 * {@code mail-template-update} (also {@code subject}, {@code body-text}, optional {@code body-html}) sets the account's
 * own, and with all three empty removes it so the built-in text applies again. Both need {@code policies:manage};
 * the XML mirrors of {@code GET/PUT /resources/mail-templates/{template}/{lang}}.
 */
public final class MailTemplateAction implements Action {
    private final MailTemplates templates;
    private final boolean update;

    private MailTemplateAction(MailTemplates templates, boolean update) {
        this.templates = templates;
        this.update = update;
    }

    public static MailTemplateAction info(MailTemplates templates) {
        return new MailTemplateAction(templates, false);
    }

    public static MailTemplateAction update(MailTemplates templates) {
        return new MailTemplateAction(templates, true);
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        String template = p.first("template").map(String::strip).orElse("");
        String lang = p.first("lang").map(String::strip).orElse("");
        MailTemplates.Template t = update
                ? templates.put(caller, template, lang, p.first("subject").orElse(""), p.first("body-text").orElse(""),
                        p.first("body-html"))
                : templates.get(caller, template, lang);
        return Results.ok(xml(t));
    }

    static MailTemplateXml xml(MailTemplates.Template t) {
        MailTemplateXml x = new MailTemplateXml();
        x.template = t.name();
        x.lang = t.lang();
        x.builtIn = Boolean.toString(t.builtIn());
        x.subject = t.subject();
        x.bodyText = t.bodyText();
        x.bodyHtml = t.bodyHtml().orElse(null);
        return x;
    }
}
