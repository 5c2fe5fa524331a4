//! Signals that steer readers to a private channel: DMs, profile and bio links, calls, phone numbers, e-mail.
//!
//! Patterns match normalised lowercase text (see `text.rs`); `unless` cancels a match found in
//! the same sentence. Each rule carries replies it must flag and look-alikes it must pass.

use crate::rules::{ex, Check, Kind::*, Rule};

/// The rules of this file, in the order the options page lists them.
pub static RULES: &[Rule] = &[
    Rule {
        id: "contact.dm",
        kind: Signal,
        weight: 20,
        pattern: r"\b(?:dm|pm|inbox|message|msg|text|whatsapp|telegram|e-?mail|ping|toot|contact)\s+(?:me|us)\b|\b(?:shoot|drop|send)\s+(?:me|us)\s+(?:a\s+)?(?:dm|pm|message|msg|line|note|text|e-?mail)\b|\bhit\s+(?:me|us)\s+up\b|\b(?:my\s+|our\s+)?dms?\s+(?:are\s+|is\s+)?open\b|\bdm\s+(?:for|to)\b|\b(?:send|drop)\s+(?:me\s+|us\s+)?a\s+dm\b|\b(?:reserva|escr[ií]beme|m[aá]ndame|env[ií]ame|[ée]cris-moi|schreib\s+mir)\b[^.!?\n]{0,20}?\b(?:dm|md|mp|privado|message)?|\b(?:por|en|par|per|via|in)\s+(?:dm|mp|md|privado|pn)\b|\bget\s+in\s+touch\b|\bmessaging\s+you\b|\bi'?ll\s+(?:message|dm|text|pm)\s+you\b|\binmail\b|\bdm\s+[\x22']?[a-z]{3,12}[\x22']?\s+to\s+@?[a-z]|\b(?:check|see)\s+your\s+(?:dms?|inbox|messages|pms?)\b|\bsent\s+you\s+a\s+(?:dm|message|pm)\b|\bdm'?d\s+you\b|\breach\s+out\s+to\s+(?:me|us|him|her|them)\b|\b(?:contact|message|text|call|add|reach)\s+(?:him|her|them|us|me)\s+(?:on|via|at)\s+(?:whatsapp|telegram|signal|wechat|line|instagram|ig|discord|snap(?:chat)?|kik)\b|\b(?:on|via|no|en|sur|auf|per|by)\s+(?:whatsapp|telegram|wechat|kakao)\b|\b(?:whatsapp|telegram|signal)\s*:\s*@|\bcall\s+(?:us|me|ahead)\b|\b(?:stuur\s+(?:me|ons)|me\s+chama|chama\s+no|manda\s+(?:uma\s+)?(?:dm|mensagem)|no\s+privado|no\s+direct|écrivez-moi|contacte[zr]?-moi|écris-moi|en\s+priv[ée]|schreibt?\s+mir|meldet\s+euch|scrivimi|contattami|in\s+privato|al\s+privado|por\s+interno)\b|تواصل\s+معي|راسلني|على\s+الخاص|בפרטי|שלחו\s+לי|(?:dm|ｄｍ)\s*(?:ください|下さい|して|で)",
        unless: r"\b(?:don'?t|do\s+not|never|no|stop|hate|annoying|people\s+who|when\s+people)\b[^.!?\n]{0,25}\b(?:dm|pm|message|inbox|text|contact)",
        check: Check::None,
        message: "Asks readers to contact you privately",
        suggestion: "Answer in the thread instead of asking for a private message",
        flags: ex(&["Chama no WhatsApp", "contact him on WhatsApp", "تواصل معي على الخاص", "DM me for prices!", "message me directly and I'll send details", "D M me", "𝐃𝐌 𝐦𝐞 for info", "my DMs are open 📩", "shoot me a message if you want in", "Reserva por DM"]),
        passes: ex(&["please don't DM me about this", "I got a message from my mum", "she texted me back"]),
    },
    Rule {
        id: "contact.profile",
        kind: Signal,
        weight: 22,
        pattern: r"\blinks?\s+(?:is\s+|are\s+)?(?:in|on)\s+(?:my|our|the)\s+(?:bio|profile|channel|description|page)\b|\blinked\s+in\s+(?:my\s+|our\s+|the\s+)?bio\b|\b(?:in|on)\s+(?:my|our)\s+(?:bio|profile)\b|\b(?:check|see|visit)\s+(?:out\s+)?(?:my|our)\s+(?:bio|profile)\b|\blink\s+in\s+bio\b|\bin\s+(?:my\s+|our\s+|the\s+)?bio\b|\bsend\s+(?:them|him|her|your\s+\w+|people)\s+my\s+way\b|\b(?:lien|link|enlace)\s+(?:en|in|dans\s+la)\s+(?:bio|perfil)\b|\btap\s+the\s+link\b|\b(?:link|lien|enlace|enlaces)\s+(?:w|no|na|im|in|en|dans|nel|nella|op)\s+(?:mi\s+|mio\s+|mon\s+|meu\s+|mijn\s+|my\s+|meinem\s+)?(?:profilu|perfil|profil|profile|profilo|profiel|bio)\b|\blink\s+bio\b|\blinks?\s+(?:is\s+)?in\s+my\s+(?:pinned|highlights|featured)\b|プロフィールのリンク|프로필|\blinks?\s+(?:is\s+)?(?:below|in\s+(?:the\s+)?(?:first\s+)?comments?)\b|\blink'?s\s+in\s+my\b|\bpinned\s+(?:on|to)\s+my\s+(?:profile|page)\b|\bcheck\s+my\s+(?:featured|pinned|highlights)\b|プロフ|\blink\s+(?:na|no)\s+bio\b|\blien\s+dans\s+(?:ma\s+)?bio\b",
        unless: r"'\s*link\s+in\s+bio|\b(?:hate|annoying|gross|worst|spam)\b",
        check: Check::None,
        message: "Sends readers to your profile or bio link",
        suggestion: "Leave the link out; share it if someone asks",
        flags: ex(&["link in bio!", "more on my profile", "shop the drop, link in our bio", "lien en bio"]),
        passes: ex(&["I updated my profile picture", "the link in the article is broken"]),
    },
    Rule {
        id: "contact.call",
        kind: Signal,
        weight: 22,
        pattern: r"\bcalendly\b|\bbook\s+(?:a|your|an)\s+(?:free\s+)?(?:call|demo|meeting|consult(?:ation)?|session|discovery|strategy|intro)\b|\b(?:quick|15[\s-]?min(?:ute)?s?|30[\s-]?min(?:ute)?s?|short|intro)\s+(?:call|chat|zoom)\b|\b(?:hop|jump|get)\s+on\s+a\s+(?:quick\s+)?call\b|\bquick\s+(?:free\s+|15[\s-]?min(?:ute)?\s+)?call\b|\bworth\s+a\s+(?:quick\s+)?(?:chat|call)\b|\bopen\s+to\s+(?:a\s+)?(?:chat|call|chatting|comparing\s+notes|a\s+quick)\b|\bhave\s+\d+\s+minutes\b|\bmy\s+calendar\b|\bschedule\s+a\s+(?:call|demo)\b|\b(?:would|'d)\s+love\s+to\s+connect\b|\blet'?s\s+(?:connect|hop\s+on)\b",
        unless: r"\b(?:got|get|getting|received|hate|spam|annoying)\b",
        check: Check::None,
        message: "Asks for a sales call or demo",
        suggestion: "Drop the call request; help in the thread first",
        flags: ex(&["Do you have 15 minutes next week for a quick call?", "Book a demo at our site", "Worth a quick chat?", "open to comparing notes?"]),
        passes: ex(&["I had a call with my mum", "the demo at 3:40 was great"]),
    },
    Rule {
        id: "contact.phone",
        kind: Signal,
        weight: 20,
        pattern: r"(?:\+\d{1,3}[\s.-]?)\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b|\(\d{2,3}\)\s?\d{4,5}[\s.-]\d{4}\b|\b(?:text|call|ring|whatsapp)\s+(?:us|me|him|her)\s+(?:at|on)\s+\+?\(?\d",
        unless: "",
        check: Check::None,
        message: "Gives a phone or WhatsApp number to contact you",
        suggestion: "Don't post a contact number in a thread that didn't ask for one",
        flags: ex(&["call 912-555-0148 today", "WhatsApp +44 7700 900123"]),
        passes: ex(&["it was 2019-2021 for me", "about 2,000 miles on it"]),
    },
    Rule {
        id: "contact.email",
        kind: Signal,
        weight: 12,
        pattern: r"\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b|\bmy\s+e-?mail'?s?\s+(?:is\s+)?in\s+my\s+(?:profile|bio)\b",
        unless: "",
        check: Check::None,
        message: "Shares an email address to contact you",
        suggestion: "",
        flags: ex(&["write to hello@shopnow.com", "My email's in my profile"]),
        passes: ex(&["I emailed them last week", "@sam that's right"]),
    },
];
