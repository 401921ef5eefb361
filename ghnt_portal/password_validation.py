"""Password validators with Dutch messages where Django's own catalogue has none.

Django 5.2 changed the msgid of MinimumLengthValidator's error; its Dutch catalogue still
has the old one, so the message would appear in English. This subclass says it in Dutch.
"""

from django.contrib.auth.password_validation import MinimumLengthValidator


class DutchMinimumLengthValidator(MinimumLengthValidator):
    def get_error_message(self):
        return f"Dit wachtwoord is te kort. Het moet minstens {self.min_length} tekens bevatten."
