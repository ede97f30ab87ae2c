document.getElementById('app')!.textContent = 'darkfigure';
