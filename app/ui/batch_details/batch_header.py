"""The top of Invoice Batch Details: which batch, its close date, kind, print state and banner."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.billing import BatchRecord
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.display import batch_title, date_text, kind_text, printed_text, read_only_banner


class BatchHeader(QWidget):
    """Emits `sig_batch_chosen(number)` when the clerk picks another batch."""

    sig_batch_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox()
        self.picker.setMinimumContentsLength(36)
        self.number_label = QLabel()
        self.close_date_label = QLabel()
        self.description_label = QLabel()
        self.kind_label = QLabel()
        self.printed_label = QLabel()
        self.banner = Banner()
        chooser = QHBoxLayout()
        caption = QLabel("Invoice &batch:")
        caption.setBuddy(self.picker)
        chooser.addWidget(caption)
        chooser.addWidget(self.picker)
        chooser.addStretch(1)
        facts = QHBoxLayout()
        for text, label in (
            ("Batch number:", self.number_label),
            ("Close date:", self.close_date_label),
            ("Kind:", self.kind_label),
            ("Printed:", self.printed_label),
            ("Description:", self.description_label),
        ):
            label.setStyleSheet("font-weight: bold;")
            facts.addWidget(QLabel(text))
            facts.addWidget(label)
            facts.addSpacing(18)
        facts.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chooser)
        layout.addLayout(facts)
        layout.addWidget(self.banner)
        self.picker.activated.connect(self._picked)

    def set_batches(self, batches: Sequence[BatchRecord], current: int | None) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for batch in batches:
            self.picker.addItem(batch_title(batch), batch.number)
        self.picker.setCurrentIndex(self.picker.findData(current) if current is not None else -1)
        self.picker.blockSignals(False)

    def choose(self, number: int) -> None:
        """Show `number` as the chosen batch (while its details load)."""
        self.picker.setCurrentIndex(self.picker.findData(number))

    def show_batch(self, batch: BatchRecord | None) -> None:
        self.number_label.setText(str(batch.number) if batch else "")
        self.close_date_label.setText(date_text(batch.close_date) if batch else "")
        self.description_label.setText(batch.description if batch else "")
        self.kind_label.setText(kind_text(batch.kind) if batch else "")
        self.printed_label.setText(printed_text(batch) if batch else "")
        banner = read_only_banner(batch) if batch else ""
        if banner:
            self.banner.show_message(banner, BannerKind.WARNING)
        else:
            self.banner.clear_message()

    def _picked(self, index: int) -> None:
        number = self.picker.itemData(index)
        if number is not None:
            self.sig_batch_chosen.emit(int(number))
