"""Numbers and money are formatted exactly as Babel formats them, only faster."""

from babel import Locale
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from milepost.site import i18n

LOCALES = [Locale.parse(code) for code in ("en", "fr", "it", "zh", "de", "de_CH", "ar", "hi", "sv", "pt_BR", "ja", "fa")]
VALUES = st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False))


@settings(max_examples=300, deadline=None)
@given(value=VALUES, locale=st.sampled_from(LOCALES), currency=st.sampled_from(["EUR", "CNY", "USD", "JPY"]))
def test_fast_formatting_matches_babel(value, locale, currency):
    value = value or 0  # negative zero prints as 0 on purpose (Babel writes -0)
    assert i18n._format_number(value, locale) == format_decimal(value, format="#,##0.##", locale=locale)
    pattern = locale.currency_formats["standard"].pattern.replace(".00", ".##")
    assert i18n._format_money(value, currency, locale) == format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)


def test_labels_fall_back_to_english_and_dates_follow_the_locale():
    from datetime import date

    french = i18n.language("fr")
    assert french.label("owner") == "Responsable" and french.date(date(2027, 2, 1)) == "1 févr. 2027"
    portuguese = i18n.language("pt-BR")
    assert portuguese.label("owner") == "Owner" and portuguese.money(48000, "EUR") == "€\xa048.000"
    assert i18n.language("xx-nowhere").code == "en"
