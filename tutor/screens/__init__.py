"""The app's screens, one per file: home, lesson, quiz, exercise, review, lab, help, confirm."""
