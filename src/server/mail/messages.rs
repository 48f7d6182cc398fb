//! The text of every message Licensure sends. Plain ASCII text: it reads the same in any
//! mail program and in the `.eml` files of the embedded default.

use super::Outgoing;

pub fn verify_new_account(to: &str, name: &str, link: &str, hours: i64) -> Outgoing {
    Outgoing {
        to: to.to_owned(),
        subject: "Confirm your email address for Licensure".into(),
        body: format!(
            "Hello {name},\n\n\
             Please confirm that this is your email address by opening this link:\n\n\
             {link}\n\n\
             The link works once and expires in {hours} hours. If you did not create a \
             Licensure account, ignore this message.\n"
        ),
    }
}

pub fn verify_changed_address(to: &str, name: &str, link: &str, hours: i64) -> Outgoing {
    Outgoing {
        to: to.to_owned(),
        subject: "Confirm your new email address for Licensure".into(),
        body: format!(
            "Hello {name},\n\n\
             You asked to use this address for your Licensure account. Confirm it by \
             opening this link:\n\n\
             {link}\n\n\
             Until you do, your account keeps its old address. The link works once and \
             expires in {hours} hours.\n"
        ),
    }
}

pub fn address_changed_notice(to: &str, name: &str) -> Outgoing {
    Outgoing {
        to: to.to_owned(),
        subject: "Your Licensure email address was changed".into(),
        body: format!(
            "Hello {name},\n\n\
             Your Licensure account now uses a different email address, and mail will no \
             longer come here. If you did not make this change, contact your \
             administrator at once.\n"
        ),
    }
}

pub fn password_reset(to: &str, name: &str, link: &str, minutes: i64) -> Outgoing {
    Outgoing {
        to: to.to_owned(),
        subject: "Reset your Licensure password".into(),
        body: format!(
            "Hello {name},\n\n\
             Someone asked to reset the password of your Licensure account. To choose a new \
             password, open this link:\n\n\
             {link}\n\n\
             The link works once and expires in {minutes} minutes. If you did not ask, \
             ignore this message: your password stays as it is.\n"
        ),
    }
}

pub fn password_changed_notice(to: &str, name: &str) -> Outgoing {
    Outgoing {
        to: to.to_owned(),
        subject: "Your Licensure password was changed".into(),
        body: format!(
            "Hello {name},\n\n\
             The password of your Licensure account was just changed, and it was signed out \
             everywhere else. If you did not do this, reset your password now and contact \
             your administrator.\n"
        ),
    }
}
