use leptos::prelude::*;
use leptos_meta::Title;

/// What the product does, one card each.
const FEATURES: [(&str, &str); 6] = [
    (
        "Every board's rules",
        "State medical and nursing boards, certifying boards and the DEA: each requirement \
         comes with the rule's source, so you can check it yourself.",
    ),
    (
        "One credit, counted everywhere",
        "A course on opioid prescribing counts toward every licence and certification whose \
         window and rules accept it, and Licensure tells you why when one does not.",
    ),
    (
        "Certificates kept safe",
        "Upload a PDF or photograph a paper certificate. Each document is encrypted with its \
         own key and only you can open it.",
    ),
    (
        "Deadlines you will not miss",
        "See what is still missing for each credential, most urgent first, with reminders \
         well before each renewal.",
    ),
    (
        "Audit packet in a minute",
        "Export a transcript and the matching certificates for any credential and cycle when \
         a board audits you.",
    ),
    (
        "Works on your phone",
        "Install Licensure on your home screen and record CE right after a conference session.",
    ),
];

#[component]
pub fn LandingPage() -> impl IntoView {
    view! {
        <Title text="" />
        <section class="bg-gradient-to-b from-teal-50 to-slate-50">
            <div class="mx-auto max-w-6xl px-4 py-12 sm:py-20">
                <h1 class="max-w-3xl text-3xl font-bold tracking-tight text-slate-900 sm:text-5xl">
                    "Your licences, certifications and CE, always in order."
                </h1>
                <p class="mt-4 max-w-2xl text-lg text-slate-700">
                    "Licensure knows what each state board and certifying body requires, counts every credit you earn toward every requirement it meets, and tells you well before each deadline what is still missing."
                </p>
                <div class="mt-8 flex flex-col gap-3 sm:flex-row">
                    <a
                        href="/signup"
                        class="rounded-md bg-teal-700 px-5 py-3 text-center font-semibold text-white hover:bg-teal-800"
                    >
                        "Create your free account"
                    </a>
                    <a
                        href="/signin"
                        class="rounded-md border border-teal-700 px-5 py-3 text-center font-semibold text-teal-800 hover:bg-teal-50"
                    >
                        "Sign in"
                    </a>
                </div>
            </div>
        </section>
        <section class="mx-auto max-w-6xl px-4 py-12" aria-labelledby="features-heading">
            <h2 id="features-heading" class="text-2xl font-semibold">
                "What Licensure does for you"
            </h2>
            <ul class="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {FEATURES
                    .iter()
                    .map(|(title, text)| {
                        view! {
                            <li class="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                                <h3 class="font-semibold text-teal-900">{*title}</h3>
                                <p class="mt-2 text-slate-700">{*text}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="mx-auto max-w-6xl px-4 pb-16">
            <div class="rounded-lg border border-slate-200 bg-white p-6">
                <h2 class="text-xl font-semibold">"Open source, built for audits"</h2>
                <p class="mt-2 text-slate-700">
                    "Licensure is open source. Passwords are hashed with Argon2id, administrators use two-factor sign-in, and every access to your records is written to a tamper-evident audit log."
                </p>
            </div>
        </section>
    }
}
